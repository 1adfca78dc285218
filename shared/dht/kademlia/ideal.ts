/**
 * Converged Kademlia routing tables built straight from the sorted membership, for the
 * large simulations: bucket i of a node is filled with up to k members drawn at random
 * from those at bucket index i. Those members form one contiguous run of the sorted
 * identifiers (they share the node's top 159 − i bits and differ in bit i), so each bucket
 * costs two binary searches.
 */
import type { Rng } from "../../rng";
import { ID_BITS } from "../xor-id";
import type { KadContact } from "./types";

/** Members sorted by identifier. */
export function sortById(members: KadContact[]): KadContact[] {
  return [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Buckets of `self` over the sorted membership `ring`, each LRS-first in random order. */
export function idealBuckets(
  ring: readonly KadContact[],
  self: KadContact,
  k: number,
  rng: Rng,
): KadContact[][] {
  const buckets: KadContact[][] = Array.from({ length: ID_BITS }, () => []);
  for (let i = ID_BITS - 1; i >= 0; i--) {
    const bit = 1n << BigInt(i);
    // Members sharing self's bits above i: once that is only self, this and lower buckets are empty.
    const above = (self.id >> BigInt(i + 1)) << BigInt(i + 1);
    if (lowerBound(ring, above + 2n * bit) - lowerBound(ring, above) <= 1) break;
    const lo = above | (~self.id & bit);
    const from = lowerBound(ring, lo);
    const to = lowerBound(ring, lo + bit);
    buckets[i] = sample(ring, from, to, k, rng);
  }
  return buckets;
}

function sample(
  ring: readonly KadContact[],
  from: number,
  to: number,
  k: number,
  rng: Rng,
): KadContact[] {
  const size = to - from;
  if (size <= k) return ring.slice(from, to) as KadContact[];
  const picked = new Set<number>();
  while (picked.size < k) picked.add(from + rng.int(size));
  return [...picked].map((index) => ring[index] as KadContact);
}

function lowerBound(ring: readonly KadContact[], id: bigint): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ring[mid] as KadContact).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
