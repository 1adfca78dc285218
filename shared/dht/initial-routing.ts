/**
 * Routing state for every node of a ring created all at once: converged Chord states and
 * Kademlia buckets computed from the membership, as the papers' simulations start. A ring
 * built this way needs no join traffic; joins after creation go through the protocol.
 */
import type { Rng } from "../rng";
import { idealState, sortRing } from "./chord/ideal";
import type { ChordState } from "./chord/types";
import { idealBuckets, sortById } from "./kademlia/ideal";
import type { KadState } from "./kademlia/types";
import { type RingMember, SUCCESSOR_LIST_LENGTH } from "./ring-config";
import { chordId } from "./ring-id";
import { kadId } from "./xor-id";

/** Kademlia bucket size for a ring: clamp(⌈N/8⌉, 3, 20) as in `kademliaConfig`, and ≥ r. */
export function ringBucketSize(nodes: number, replication: number): number {
  return Math.max(replication, Math.min(20, Math.max(3, Math.ceil(nodes / 8))));
}

/** Converged Chord state of every member, by address. */
export function chordStates(members: RingMember[], replication: number): Map<string, ChordState> {
  const ring = sortRing(members.map((m) => ({ id: chordId(m.addr), addr: m.addr })));
  const listLength = Math.max(SUCCESSOR_LIST_LENGTH, replication - 1);
  return new Map(ring.map((ref, i) => [ref.addr, idealState(ring, i, listLength)]));
}

/** Kademlia buckets of every member (each bucket k members of its range at random), by address. */
export function kademliaStates(members: RingMember[], k: number, rng: Rng): Map<string, KadState> {
  const ring = sortById(members.map((m) => ({ id: kadId(m.addr), addr: m.addr })));
  return new Map(
    ring.map((self) => [self.addr, { self, buckets: idealBuckets(ring, self, k, rng) }]),
  );
}
