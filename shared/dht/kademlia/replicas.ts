/**
 * Keeping a Kademlia node's records on the k nodes closest to their keys as membership
 * changes. The paper's rule for joins: a node that learns of a new node among the k closest
 * to some of its records stores them there. The same rule covers failures: when a contact
 * leaves the routing table (it failed a request or a ping), the node that now counts
 * another contact among a record's k closest stores the record there, so copies are
 * restored at once rather than at the next hourly republish. Only a node that is itself
 * among a record's k closest pushes it. Copies of one key are ordered by their write's
 * stamp (../write-stamp), so a late push of an old value never replaces a newer one; the
 * receiver answers it with the newer write, and a delete's tombstone is pushed like a value.
 * Choosing what to push reads the records' heads; a value is loaded only for a copy sent.
 */
import { eachHead, type KeyStore } from "../key-store";
import { sameWrite, supersedes } from "../write-stamp";
import { bucketIndex, kadId } from "../xor-id";
import type { KBuckets } from "./buckets";
import type { KadContact, KadCopy, KadRecord } from "./types";

/** Copies to send to one peer. */
export interface ReplicaPush {
  to: KadContact;
  copies: KadCopy[];
}

export class KadReplicas {
  constructor(
    private readonly self: KadContact,
    private readonly table: KBuckets,
    private readonly store: KeyStore<KadRecord>,
    private readonly k: number,
  ) {}

  /** The k closest to `id` among the routing table and this node, closest first. */
  holders(id: bigint): KadContact[] {
    const known = this.table.closest(id, this.k);
    const own = this.self.id ^ id;
    const at = known.findIndex((c) => (c.id ^ id) > own);
    known.splice(at < 0 ? known.length : at, 0, this.self);
    return known.slice(0, this.k);
  }

  /**
   * Stores `copy` unless a newer write of its key is held, and then returns that write's
   * copy. A copy of the write already held extends its lifetime (keeping the held value:
   * bytes of one write are not replaced by another copy's); either way the holder defers
   * its own republish to `republishAt`.
   */
  accept(copy: KadCopy, now: number, republishAt: number): KadCopy | undefined {
    const held = this.store.get(copy.key);
    if (held !== undefined && held.expiresAt > now && supersedes(held, copy)) {
      return copyOf(held, now);
    }
    const same = held !== undefined && held.expiresAt > now && sameWrite(held, copy);
    this.store.put({
      key: copy.key,
      id: held?.id ?? kadId(copy.key),
      value: same ? held.value : copy.value,
      stamp: copy.stamp,
      expiresAt: Math.max(now + copy.ttl, same ? held.expiresAt : 0),
      republishAt,
    });
    return undefined;
  }

  /**
   * Repairs this node's own copy of one write that a reader found damaged or missing here:
   * the value replaced, lifetime and republish time kept (a missing copy gets `ttl`), unless
   * a later write is held.
   */
  restore(copy: KadCopy, now: number, republishAt: number): boolean {
    const held = this.store.get(copy.key);
    if (held !== undefined && held.expiresAt > now && held.stamp > copy.stamp) return false;
    const live = held !== undefined && held.expiresAt > now;
    this.store.put({
      key: copy.key,
      id: held?.id ?? kadId(copy.key),
      value: copy.value,
      stamp: copy.stamp,
      expiresAt: live ? held.expiresAt : now + copy.ttl,
      republishAt: live ? held.republishAt : republishAt,
    });
    return true;
  }

  /**
   * What to push after the table changed by `added` and `removed`: for every live record
   * this node is a holder of, the holders that were not among the k closest before the
   * change. A holder's rank before the change is its rank now, less the added contacts
   * closer than it, plus the removed ones closer than it. Records in a bucket range no
   * changed contact can reach are skipped without computing their holders.
   */
  pushesAfter(added: KadContact[], removed: KadContact[], now: number): ReplicaPush[] {
    if (added.length === 0 && removed.length === 0) return [];
    const changedIndexes = [...added, ...removed].map((c) => bucketIndex(this.self.id, c.id));
    const below = this.countsBelow();
    const reachable = new Map<number, boolean>();
    const isAdded = new Set(added.map((c) => c.addr));
    const pushes = new Map<string, ReplicaPush>();
    for (const record of eachHead(this.store)) {
      if (record.expiresAt <= now) continue;
      const b = bucketIndex(this.self.id, record.id);
      let reach = reachable.get(b);
      if (reach === undefined) {
        // A contact in bucket c can be among the k closest to an id in range b only if
        // c ≤ b, or fewer than k contacts sit in the buckets below c.
        reach = changedIndexes.some((c) => c <= b || (below[c] as number) < this.k);
        reachable.set(b, reach);
      }
      if (!reach) continue;
      const holders = this.holders(record.id);
      if (!holders.some((h) => h.addr === this.self.addr)) continue;
      const target = record.id;
      let copy: KadCopy | undefined;
      holders.forEach((holder, rank) => {
        if (holder.addr === this.self.addr) return;
        const d = holder.id ^ target;
        const closerAdded = added.filter((c) => (c.id ^ target) < d).length;
        const closerRemoved = removed.filter((c) => (c.id ^ target) < d).length;
        if (!isAdded.has(holder.addr) && rank - closerAdded + closerRemoved < this.k) return;
        // The value is loaded once, and only for a record some holder is sent.
        if (copy === undefined) {
          const held = this.store.get(record.key);
          if (held === undefined) return;
          copy = copyOf(held, now);
        }
        const push = pushes.get(holder.addr) ?? { to: holder, copies: [] };
        push.copies.push(copy);
        pushes.set(holder.addr, push);
      });
    }
    return [...pushes.values()];
  }

  /**
   * The contacts that may hold copies of `records` besides this node, a superset of their
   * other holders: for each bucket index the live records fall in, every contact `holders`
   * could pick there. Computed per bucket rather than per record, so it stays cheap.
   */
  peers(records: Iterable<{ id: bigint; expiresAt: number }>, now: number): KadContact[] {
    const classes = new Set<number>();
    for (const record of records) {
      if (record.expiresAt > now) classes.add(bucketIndex(this.self.id, record.id));
    }
    const peers = new Map<string, KadContact>();
    for (const b of classes) for (const c of this.table.reach(b, this.k)) peers.set(c.addr, c);
    return [...peers.values()];
  }

  /** Entry i: how many contacts sit in buckets 0 … i − 1. */
  private countsBelow(): number[] {
    const counts = [0];
    for (const bucket of this.table.buckets) counts.push((counts.at(-1) as number) + bucket.length);
    return counts;
  }
}

/** The copy of `record` a STORE carries, with its remaining lifetime. */
export function copyOf(record: KadRecord, now: number): KadCopy {
  return { key: record.key, value: record.value, stamp: record.stamp, ttl: record.expiresAt - now };
}
