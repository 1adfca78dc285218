import { Raft } from "../../../shared/consensus/raft/raft";
import type { Message } from "../../../shared/consensus/raft/types";

/**
 * TEST ONLY — deliberately broken cores, used to prove that the simulator's safety checks
 * and the linearizability checker catch real Raft bugs. Never import these outside tests.
 */

/**
 * Commits whatever a quorum holds, even an entry from an earlier term, which the Raft
 * paper's Figure 8 shows can later be overwritten.
 */
export class CommitsOldTermEntriesByCounting extends Raft {
  override maybeCommit(): boolean {
    const quorumMatch = this.tracker.committed();
    if (quorumMatch <= this.log.committed) return false;
    this.log.commitTo(quorumMatch);
    return true;
  }
}

/** Grants (pre-)votes without the election restriction (§5.4.1): any log looks up to date. */
export class IgnoresElectionRestriction extends Raft {
  override step(m: Message): boolean {
    if (m.type === "vote" || m.type === "preVote") {
      return super.step({ ...m, index: Number.MAX_SAFE_INTEGER, logTerm: Number.MAX_SAFE_INTEGER });
    }
    return super.step(m);
  }
}
