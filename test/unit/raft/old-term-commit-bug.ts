import { Raft } from "../../../shared/consensus/raft/raft";

/**
 * TEST ONLY — a deliberately broken core. It commits whatever a quorum holds, even an
 * entry from an earlier term, which the Raft paper's Figure 8 shows can later be
 * overwritten. Used to prove that the simulator's safety checks and the linearizability
 * checker catch that bug.
 */
export class CommitsOldTermEntriesByCounting extends Raft {
  override maybeCommit(): boolean {
    const quorumMatch = this.tracker.committed();
    if (quorumMatch <= this.log.committed) return false;
    this.log.commitTo(quorumMatch);
    return true;
  }
}
