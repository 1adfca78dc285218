/**
 * Ballots as "Paxos Made Moderately Complex" numbers them: a pair (round, replica),
 * ordered by round and then by replica, so two proposers never share a ballot. The pair
 * travels and is stored as one number, `round * BALLOT_STRIDE + replica`, which orders
 * exactly like the pair as long as replica ids stay below the stride.
 */
import type { NodeId } from "../raft/types";

/** Replica ids must stay below this for ballot numbers to order like (round, replica). */
export const BALLOT_STRIDE = 1024;

export interface Ballot {
  round: number;
  replica: NodeId;
}

/** The number of ballot (round, replica). */
export function ballotNumber(round: number, replica: NodeId): number {
  if (replica < 0 || replica >= BALLOT_STRIDE) {
    throw new Error(`replica id ${replica} outside [0, ${BALLOT_STRIDE})`);
  }
  return round * BALLOT_STRIDE + replica;
}

/** The (round, replica) pair of a ballot number. */
export function ballotOf(ballot: number): Ballot {
  return { round: Math.floor(ballot / BALLOT_STRIDE), replica: ballot % BALLOT_STRIDE };
}

/** The smallest ballot of `replica` above `above`: the next round after the one seen. */
export function nextBallot(above: number, replica: NodeId): number {
  return ballotNumber(ballotOf(above).round + 1, replica);
}
