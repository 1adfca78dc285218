/**
 * Flexible quorums (Howard, Malkhi, Spiegelman, "Flexible Paxos", 2016): Paxos stays safe
 * as long as every phase-1 quorum intersects every phase-2 quorum — with counts over n
 * voters, `phase1 + phase2 > n`. Majorities satisfy it; so does, with 5 replicas, 4 for
 * elections and 2 for each commit, which halves the replicas a write waits for.
 */

/** Acceptors a ballot needs in each phase. */
export interface Quorums {
  /** Promises that make a candidate leader (phase 1). */
  phase1: number;
  /** Acceptances that choose a value (phase 2), and that confirm leadership for a read. */
  phase2: number;
}

/** Majority quorums over `voters`: what a group gets when it does not choose. */
export function majorityQuorums(voters: number): Quorums {
  const majority = Math.floor(voters / 2) + 1;
  return { phase1: majority, phase2: majority };
}

/** Why `quorums` cannot serve a group of `replicas` voters, or undefined when they can. */
export function quorumsError(quorums: Quorums, replicas: number): string | undefined {
  const { phase1, phase2 } = quorums;
  if (!Number.isInteger(phase1) || !Number.isInteger(phase2) || phase1 < 1 || phase2 < 1) {
    return "quorums must be whole numbers of at least 1";
  }
  if (phase1 > replicas || phase2 > replicas) {
    return `a quorum cannot exceed the ${replicas} replicas`;
  }
  if (phase1 + phase2 <= replicas) {
    return `phase1 + phase2 must exceed the ${replicas} replicas so every election quorum meets every commit quorum (got ${phase1} + ${phase2})`;
  }
  return undefined;
}

/**
 * The quorums in force for `voters` voters. Membership changes move the voter count away
 * from the one the group was created with: the commit quorum keeps its size (capped at
 * the voters) and the election quorum grows as needed, so the two always intersect.
 */
export function effectiveQuorums(chosen: Quorums | undefined, voters: number): Quorums {
  if (!chosen) return majorityQuorums(voters);
  const phase2 = Math.min(chosen.phase2, voters);
  const phase1 = Math.max(Math.min(chosen.phase1, voters), voters - phase2 + 1);
  return { phase1, phase2 };
}
