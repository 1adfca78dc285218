import { Paxos } from "../../../shared/consensus/paxos/paxos";
import { type Promise as PaxosPromise, PhaseOne } from "../../../shared/consensus/paxos/phase-one";

/**
 * TEST ONLY — deliberately broken Paxos cores, used to prove that the simulator's safety
 * checks and the linearizability checker catch real Paxos bugs.
 */

/** Phase 1 that ignores the values acceptors report: the new leader adopts only its own log. */
class PhaseOneIgnoringAccepted extends PhaseOne {
  private own = true;

  override add(from: number, promise: PaxosPromise): void {
    super.add(from, this.own ? promise : { ...promise, entries: [], chosen: 0 });
    this.own = false;
  }
}

export class IgnoresAcceptedValues extends Paxos {
  protected override newPhaseOne(): PhaseOne {
    return new PhaseOneIgnoringAccepted(this.log.committed, this.conf, this.opts.quorums);
  }
}
