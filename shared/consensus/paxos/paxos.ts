/**
 * One Multi-Paxos replica in the structure of van Renesse & Altinbuken, "Paxos Made
 * Moderately Complex" (2015): every replica is an acceptor and a learner; a replica
 * that hears no leader for a randomized timeout becomes a candidate (scout) and runs
 * phase 1 once for all open slots under a fresh ballot; with an election quorum of
 * promises it leads (`leader.ts`) and runs phase 2 per batch. A preempted candidate or
 * leader — one that learns of a higher ballot — stands down and waits a fresh random
 * timeout before trying again, so proposers do not duel.
 *
 * Pure: no clock (time arrives as `tick`), no randomness but the seeded RNG it is given,
 * no I/O. Its outputs accumulate in `msgs`, `readStates` and the log's unstable part,
 * drained by `PaxosNode.ready()` exactly as the Raft core's are.
 */
import { NONE } from "../raft/types";
import { handleAccept, handlePrepare, handleRest, handleSnapshot } from "./acceptor";
import { nextBallot } from "./ballot";
import { becomeLeader, handleAccepted, tickLeader } from "./leader";
import { type PaxosMessage, paxosMessage } from "./messages";
import { PaxosState } from "./paxos-state";
import { PhaseOne } from "./phase-one";

export class Paxos extends PaxosState {
  tick(): void {
    if (this.role === "leader") {
      tickLeader(this);
      return;
    }
    if (this.quiesced) return;
    this.electionElapsed++;
    if (this.electionElapsed >= this.randomizedTimeout && this.isVoter()) this.campaign(false);
  }

  /** Feeds one message from a peer. */
  step(m: PaxosMessage): void {
    if (this.quiesced && wakesUp(m)) this.wake();
    switch (m.type) {
      case "p1a":
        handlePrepare(this, m);
        return;
      case "p1b":
        this.handlePromise(m);
        return;
      case "p2a":
        handleAccept(this, m);
        return;
      case "p2b":
        handleAccepted(this, m);
        return;
      case "snapshot":
        handleSnapshot(this, m);
        return;
      case "rest":
        handleRest(this, m);
        return;
      case "handOver":
        if (m.from === this.lead && m.ballot === this.followBallot) this.campaign(true);
        return;
    }
  }

  /**
   * Resumes timers after quiescence (a client call or a peer's request arrived). Without
   * ticks it cannot tell how long the leader has been silent, so it stops vouching for
   * it — except under leases, where it honours the leader's lease for one more timeout.
   */
  wake(): void {
    this.quiesced = false;
    this.leaseAcks.clear();
    const honourLease = this.opts.readOnly === "lease" && this.lead !== NONE;
    this.leaderContact = honourLease;
    if (honourLease) this.electionElapsed = 0;
  }

  /**
   * Phase 1a: a fresh ballot above every one seen, a promise to itself, and prepares to
   * every voter of the configurations that may govern an open slot. `force` (a leader
   * transfer) asks acceptors to promise even while they hear the current leader.
   */
  campaign(force: boolean): void {
    if (!this.isVoter()) return;
    this.ballot = nextBallot(Math.max(this.promised, this.ballot), this.id);
    this.promised = this.ballot;
    this.becomeFollower(NONE);
    this.role = "candidate";
    this.quiesced = false;
    this.forced = force;
    this.phaseOne = this.newPhaseOne();
    this.phaseOne.add(this.id, {
      chosen: this.log.committed,
      entries: this.entriesAfter(this.log.committed),
    });
    this.asked = new Set([this.id]);
    this.advancePhaseOne();
  }

  /** Phase 1 of a new ballot from this replica's chosen prefix; tests plant broken ones. */
  protected newPhaseOne(): PhaseOne {
    return new PhaseOne(this.log.committed, this.conf, this.opts.quorums);
  }

  private handlePromise(m: PaxosMessage): void {
    if (m.reject) {
      if (m.ballot > this.ballot) this.preempted(m.ballot);
      return;
    }
    if (this.role !== "candidate" || m.ballot !== this.ballot || !this.phaseOne) return;
    this.phaseOne.add(m.from, {
      chosen: m.chosen,
      entries: m.entries,
      ...(m.snapshot ? { snapshot: m.snapshot } : {}),
    });
    this.advancePhaseOne();
  }

  /** Takes office if the promises suffice; otherwise asks whoever has not been asked. */
  private advancePhaseOne(): void {
    const phaseOne = this.phaseOne;
    if (!phaseOne) return;
    const adopted = phaseOne.outcome();
    if (adopted) {
      becomeLeader(this, adopted, phaseOne.chosenPrefixes());
      return;
    }
    for (const to of phaseOne.targets()) {
      if (this.asked.has(to)) continue;
      this.asked.add(to);
      this.send(
        paxosMessage({
          type: "p1a",
          to,
          ballot: this.ballot,
          chosen: this.log.committed,
          force: this.forced,
        }),
      );
    }
  }
}

/** Inputs that end a quiet spell: a candidate's prepare, new slots, a snapshot, a hand-over. */
function wakesUp(m: PaxosMessage): boolean {
  return (
    m.type === "p1a" ||
    m.type === "snapshot" ||
    m.type === "handOver" ||
    (m.type === "p2a" && m.entries.length > 0)
  );
}
