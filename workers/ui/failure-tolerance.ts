/**
 * How many replicas a consensus group can lose and keep electing a leader and committing:
 * voters minus the larger of the election and commit quorums (majorities for Raft, and for
 * Paxos without explicit quorums).
 */

/** The quorums a group runs with; null means majorities. */
export interface Quorums {
  phase1: number;
  phase2: number;
}

/** Replicas a group of `voters` voting members can lose and stay available (never below 0). */
export function failureTolerance(voters: number, quorums: Quorums | null): number {
  const majority = Math.floor(voters / 2) + 1;
  const needed = quorums ? Math.max(quorums.phase1, quorums.phase2) : majority;
  return Math.max(0, voters - needed);
}

/** The tolerance as a sentence: "can lose 1 replica", "cannot lose a replica". */
export function describeTolerance(tolerance: number): string {
  if (tolerance === 0) return "cannot lose a replica";
  return `can lose ${tolerance} ${tolerance === 1 ? "replica" : "replicas"}`;
}
