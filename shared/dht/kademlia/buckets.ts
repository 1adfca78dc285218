/**
 * The k-bucket routing table. Each bucket is ordered by last contact, least-recently seen
 * first. A contact seen again moves to the tail; a new one is appended while there is room.
 * When its bucket is full, the least-recently seen entry is pinged and the newcomer waits:
 * if the old entry answers it stays (moved to the tail) and the newcomer goes to a small
 * replacement cache; only if it fails is it evicted for the newcomer. Long-lived nodes are
 * thus never pushed out by new ones, the paper's defence against flooding with fresh ids.
 */
import { bucketIndex, ID_BITS } from "../xor-id";
import type { KadContact } from "./types";

/** What the caller must do after `seen`: ping `stale` to decide its fate. */
export interface EvictionCheck {
  stale: KadContact;
}

export class KBuckets {
  /** Invariant: bucket i holds ≤ k contacts at bucket index i, least-recently seen first. */
  readonly buckets: KadContact[][];
  /** Most recent first; ≤ k contacts per bucket that found it full. */
  private readonly replacements: KadContact[][];
  /** Per bucket, the newcomer waiting on a ping of the least-recently seen entry. */
  private readonly waiting = new Map<number, { stale: KadContact; candidate: KadContact }>();
  /** Per bucket, the tick of the last lookup in its range. */
  readonly touched: number[];
  /** Grows whenever a contact enters or leaves a bucket (re-ordering alone does not count). */
  version = 0;
  /**
   * Net membership changes since the last `drainChanges`, by address: a contact that left
   * and came back (or the reverse) is in neither map.
   */
  private readonly added = new Map<string, KadContact>();
  private readonly removed = new Map<string, KadContact>();

  constructor(
    readonly self: KadContact,
    private readonly k: number,
    buckets?: KadContact[][],
  ) {
    this.buckets = Array.from({ length: ID_BITS }, (_, i) => [...(buckets?.[i] ?? [])]);
    this.replacements = Array.from({ length: ID_BITS }, () => []);
    this.touched = new Array(ID_BITS).fill(0);
  }

  /**
   * Files a contact we heard from. With `mayEvict`, a full bucket asks for a ping of its
   * oldest entry; without (when hearing a ping, so pings cannot set off chains of pings
   * across the network), the newcomer only goes to the replacement cache.
   */
  seen(contact: KadContact, mayEvict = true): EvictionCheck | undefined {
    const i = bucketIndex(this.self.id, contact.id);
    if (i < 0) return undefined;
    const bucket = this.buckets[i] as KadContact[];
    const at = bucket.findIndex((c) => c.addr === contact.addr);
    if (at >= 0) {
      bucket.splice(at, 1);
      bucket.push(contact);
      return undefined;
    }
    if (bucket.length < this.k) {
      this.append(bucket, contact);
      return undefined;
    }
    if (!mayEvict || this.waiting.has(i)) {
      this.remember(i, contact);
      return undefined;
    }
    const stale = bucket[0] as KadContact;
    this.waiting.set(i, { stale, candidate: contact });
    return { stale };
  }

  /** The least-recently seen entry answered: it stays, the newcomer is only remembered. */
  staleAnswered(stale: KadContact): void {
    const i = bucketIndex(this.self.id, stale.id);
    const wait = this.waiting.get(i);
    if (!wait || wait.stale.addr !== stale.addr) return;
    this.waiting.delete(i);
    this.seen(stale);
    // Newcomers remembered while the ping was out were seen later than this one.
    this.remember(i, wait.candidate, true);
  }

  /** The least-recently seen entry failed its ping: evict it for the waiting newcomer. */
  staleFailed(stale: KadContact): void {
    const i = bucketIndex(this.self.id, stale.id);
    const wait = this.waiting.get(i);
    if (!wait || wait.stale.addr !== stale.addr) return;
    this.waiting.delete(i);
    this.remove(stale);
    const bucket = this.buckets[i] as KadContact[];
    if (bucket.length < this.k && !bucket.some((c) => c.addr === wait.candidate.addr)) {
      this.append(bucket, wait.candidate);
    }
  }

  /** Drops a contact that failed a request, refilling from the replacement cache. */
  remove(contact: KadContact): boolean {
    const i = bucketIndex(this.self.id, contact.id);
    if (i < 0) return false;
    const bucket = this.buckets[i] as KadContact[];
    const at = bucket.findIndex((c) => c.addr === contact.addr);
    if (at < 0) return false;
    bucket.splice(at, 1);
    this.version++;
    if (this.added.has(contact.addr)) this.added.delete(contact.addr);
    else this.removed.set(contact.addr, contact);
    const spare = (this.replacements[i] as KadContact[]).shift();
    if (spare) this.append(bucket, spare);
    return true;
  }

  /** The contacts that joined and left the table since the last call. */
  drainChanges(): { added: KadContact[]; removed: KadContact[] } {
    const changes = { added: [...this.added.values()], removed: [...this.removed.values()] };
    this.added.clear();
    this.removed.clear();
    return changes;
  }

  /** Up to `count` known contacts closest to `target` by XOR, closest first. */
  closest(target: bigint, count: number): KadContact[] {
    const b = bucketIndex(this.self.id, target);
    // Bucket b is closest to the target, then every lower bucket (all at distance
    // [2^b, 2^(b+1)) from it), then the higher buckets in increasing order. For the own
    // id (b = −1) that is simply bucket 0 upwards.
    const out: KadContact[] = b >= 0 ? byDistance(this.buckets[b] as KadContact[], target) : [];
    if (out.length < count) {
      const lower: KadContact[] = [];
      for (let i = b - 1; i >= 0; i--) lower.push(...(this.buckets[i] as KadContact[]));
      out.push(...byDistance(lower, target));
    }
    for (let i = b + 1; i < ID_BITS && out.length < count; i++) {
      out.push(...byDistance(this.buckets[i] as KadContact[], target));
    }
    return out.slice(0, count);
  }

  /**
   * Every contact that can be among the `count` closest to an id at bucket index `b` from
   * self (−1: self's own id): bucket b and every lower bucket, then whole higher buckets
   * until `count` are gathered — the buckets `closest` draws from, in full.
   */
  reach(b: number, count: number): KadContact[] {
    const out: KadContact[] = [];
    for (let i = b; i >= 0; i--) out.push(...(this.buckets[i] as KadContact[]));
    for (let i = b + 1; i < ID_BITS && out.length < count; i++) {
      out.push(...(this.buckets[i] as KadContact[]));
    }
    return out;
  }

  size(): number {
    let n = 0;
    for (const bucket of this.buckets) n += bucket.length;
    return n;
  }

  private append(bucket: KadContact[], contact: KadContact): void {
    bucket.push(contact);
    this.version++;
    if (this.removed.has(contact.addr)) this.removed.delete(contact.addr);
    else this.added.set(contact.addr, contact);
  }

  private remember(i: number, contact: KadContact, older = false): void {
    const cache = (this.replacements[i] as KadContact[]).filter((c) => c.addr !== contact.addr);
    if (older) cache.push(contact);
    else cache.unshift(contact);
    this.replacements[i] = cache.slice(0, this.k);
  }
}

/** Contacts sorted by XOR distance to `target`, each distance computed once. */
function byDistance(contacts: KadContact[], target: bigint): KadContact[] {
  if (contacts.length <= 1) return [...contacts];
  const keyed = contacts.map((c) => ({ c, d: c.id ^ target }));
  keyed.sort((x, y) => (x.d < y.d ? -1 : x.d > y.d ? 1 : 0));
  return keyed.map((e) => e.c);
}
