/**
 * Converged ("ideal") Chord routing state computed straight from the sorted membership,
 * as the paper's simulations do for path-length and load figures: every finger is the true
 * successor of its start, every successor list and predecessor is exact. The protocol path
 * (join, stabilize, fix_fingers) reaches the same state; tests check that it does.
 */
import { fingerStart, RING_BITS } from "../ring-id";
import type { ChordRef, ChordState } from "./types";

/** Members sorted by identifier, ready for `idealState`. */
export function sortRing(members: ChordRef[]): ChordRef[] {
  return [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Index in `ring` (sorted) of the successor of `id`: the first member with member.id ≥ id. */
export function successorIndex(ring: readonly ChordRef[], id: bigint): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ring[mid] as ChordRef).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo === ring.length ? 0 : lo;
}

/** The converged state of `ring[index]` with a successor list of `listLength`. */
export function idealState(
  ring: readonly ChordRef[],
  index: number,
  listLength: number,
): ChordState {
  const n = ring.length;
  const self = ring[index] as ChordRef;
  const successors: ChordRef[] = [];
  for (let j = 1; j <= Math.min(listLength, n - 1); j++) {
    successors.push(ring[(index + j) % n] as ChordRef);
  }
  const fingers: (ChordRef | null)[] = [];
  for (let i = 0; i < RING_BITS; i++) {
    const owner = ring[successorIndex(ring, fingerStart(self.id, i))] as ChordRef;
    fingers.push(owner.addr === self.addr ? null : owner);
  }
  return {
    self,
    predecessor: n > 1 ? (ring[(index - 1 + n) % n] as ChordRef) : null,
    successors: successors.length > 0 ? successors : [self],
    fingers,
    nextFinger: 0,
  };
}
