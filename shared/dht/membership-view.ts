/**
 * A versioned snapshot of a ring's live members, as the gateway caches it for one-hop
 * routing: with every member known, the owner of a key is computed locally (Chord: the
 * key's successor on the ring; Kademlia: the member closest by XOR) and asked directly.
 * A view can be stale; the node asked then routes through the overlay, so a stale view
 * costs hops, never correctness.
 */
import { successorIndex } from "./chord/ideal";
import type { Overlay, RingMember } from "./ring-config";
import { chordId, ringIdHex } from "./ring-id";
import { bucketIndex, compareDistance, kadId, kadIdHex } from "./xor-id";

/** What the ring directory hands out; ids travel as hex so the view is plain JSON. */
export interface MembershipSnapshot {
  ring: string;
  overlay: Overlay;
  /** Grows with every join, leave and failure. */
  version: number;
  /** Copies of each key the ring keeps (Chord: owner + r − 1 successors). */
  replication: number;
  /** Kademlia bucket size: each key's k closest nodes hold it (0 for Chord). */
  k: number;
  members: (RingMember & { id: string })[];
}

interface Placed extends RingMember {
  id: bigint;
}

export class MembershipView {
  /** Invariant: sorted by identifier ascending. */
  private readonly sorted: Placed[];

  constructor(readonly snapshot: MembershipSnapshot) {
    this.sorted = snapshot.members
      .map((m) => ({ addr: m.addr, host: m.host, id: BigInt(`0x${m.id}`) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get version(): number {
    return this.snapshot.version;
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The member that owns `key`, or undefined for an empty ring. */
  ownerOf(key: string): RingMember | undefined {
    if (this.sorted.length === 0) return undefined;
    if (this.snapshot.overlay === "chord") {
      return this.sorted[successorIndex(this.sorted, chordId(key))];
    }
    const target = kadId(key);
    let best = this.sorted[0] as Placed;
    for (const m of this.sorted) if (compareDistance(target, m.id, best.id) < 0) best = m;
    return best;
  }

  /**
   * The `count` members (fewer on a smaller ring) that should hold a copy of `key`, the
   * owner first: Chord, the key's successor and the members after it; Kademlia, the
   * members closest to the key by XOR, closest first.
   */
  holdersOf(key: string, count: number): RingMember[] {
    const n = this.sorted.length;
    const take = Math.min(count, n);
    if (this.snapshot.overlay === "chord") {
      const at = n === 0 ? 0 : successorIndex(this.sorted, chordId(key));
      return Array.from({ length: take }, (_, i) => this.sorted[(at + i) % n] as Placed);
    }
    const target = kadId(key);
    return [...this.sorted].sort((a, b) => compareDistance(target, a.id, b.id)).slice(0, take);
  }

  /** How many members hold a copy of each key: r for Chord, k for Kademlia. */
  get copies(): number {
    return this.snapshot.overlay === "chord" ? this.snapshot.replication : this.snapshot.k;
  }

  /** The member at `index` modulo the size (for picking an entry node from a random number). */
  at(index: number): RingMember | undefined {
    if (this.sorted.length === 0) return undefined;
    return this.sorted[((index % this.sorted.length) + this.sorted.length) % this.sorted.length];
  }

  /** The members next to `addr` on the Chord ring: its predecessor and successor. */
  neighbours(addr: string): { predecessor: RingMember; successor: RingMember } | undefined {
    const at = this.sorted.findIndex((m) => m.addr === addr);
    const n = this.sorted.length;
    if (at < 0 || n < 2) return undefined;
    return {
      predecessor: this.sorted[(at - 1 + n) % n] as Placed,
      successor: this.sorted[(at + 1) % n] as Placed,
    };
  }

  /**
   * Chord: up to `count` members before `addr` on the ring, nearest first, never `addr`
   * itself — the nodes that copy their keys onto `addr` when the replication factor is
   * count + 1.
   */
  predecessors(addr: string, count: number): RingMember[] {
    const at = this.sorted.findIndex((m) => m.addr === addr);
    const n = this.sorted.length;
    if (at < 0) return [];
    const found: RingMember[] = [];
    for (let back = 1; back <= Math.min(count, n - 1); back++) {
      found.push(this.sorted[(at - back + n) % n] as Placed);
    }
    return found;
  }

  /**
   * Kademlia: the other members that can be among the `k` closest to some key together
   * with `addr` — the nodes whose copies change when `addr` fails or joins. A member h
   * qualifies exactly when, of the two halves of the smallest subtree of the id space that
   * holds both, one has fewer than k members: a key on that half's side, matching the
   * other node's lower bits, has both among its k closest; otherwise one whole half of at
   * least k members is closer to any key than one of the two.
   */
  sharingKeysWith(addr: string, k: number): RingMember[] {
    const x = this.sorted.find((m) => m.addr === addr);
    if (x === undefined) return [];
    return this.sorted.filter((h) => {
      if (h.addr === addr) return false;
      const bit = BigInt(bucketIndex(h.id, x.id));
      return Math.min(this.countInHalf(h.id, bit), this.countInHalf(x.id, bit)) < k;
    });
  }

  /** Members that share every bit of `id` from bit `bit` up. */
  private countInHalf(id: bigint, bit: bigint): number {
    const lo = (id >> bit) << bit;
    return this.lowerBound(lo + (1n << bit)) - this.lowerBound(lo);
  }

  private lowerBound(id: bigint): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as Placed).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The hex form of a member's identifier, as snapshots carry it. */
export function memberIdHex(overlay: Overlay, id: bigint): string {
  return overlay === "chord" ? ringIdHex(id) : kadIdHex(id);
}
