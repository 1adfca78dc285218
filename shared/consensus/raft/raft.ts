import { applyConfChange, type ConfChange } from "./conf-change";
import { campaign, handleVoteRequest, stepCandidate } from "./election";
import { stepFollower } from "./follower";
import { stepLeader } from "./leader";
import { maybeQuiesce } from "./quiescence";
import { RaftState } from "./raft-state";
import { bcastAppend } from "./replication";
import { type ConfState, type Message, message, NONE } from "./types";

/**
 * The Raft state machine of one replica: a pure function of its inputs (`step`, `tick`)
 * whose outputs accumulate in `msgs` and `readStates` and in the log's unstable part,
 * drained by `RawNode.ready()`. Its state and the role transitions are `RaftState`'s;
 * hosts should use `RawNode` instead.
 */
export class Raft extends RaftState {
  tick(): void {
    if (this.quiesced) return;
    if (this.role === "leader") this.tickHeartbeat();
    else this.tickElection();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.step(message({ type: "hup" }));
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    this.idleTicks++;
    if (this.electionElapsed >= this.opts.electionTick) {
      this.electionElapsed = 0;
      if (this.opts.checkQuorum) this.step(message({ type: "checkQuorum" }));
      if (this.role !== "leader") return;
      if (this.leadTransferee !== NONE) this.leadTransferee = NONE;
      this.retryStaleSnapshots();
    }
    if (this.role !== "leader") return;
    maybeQuiesce(this);
    if (this.quiesced) return;
    if (this.heartbeatElapsed >= this.opts.heartbeatTick) {
      this.heartbeatElapsed = 0;
      this.step(message({ type: "beat" }));
    }
  }

  /**
   * Leads term `ledTerm` again after a restart, without an election, because the host's
   * disk says this replica led it. Safe: at most one replica wins a term, and a leader's
   * log changes only by its own appends, so this replica is still the only leader the
   * term can have. Refused (false) unless it knows no leader, `ledTerm` is still its term,
   * it voted for itself in it and is a voter, and its log ends in it. No empty entry is
   * appended: entries of the current term commit by counting replicas. The appends sent at
   * once confirm the leadership (`leadershipConfirmed`); reads wait until the whole log
   * commits, because the commit index on disk may lag what was acknowledged before.
   */
  resumeLeadership(ledTerm: number): boolean {
    const fresh = this.role === "follower" && this.lead === NONE;
    const ours = this.term === ledTerm && this.vote === this.id && this.promotable();
    if (!fresh || !ours || ledTerm === 0 || this.log.lastTerm() !== ledTerm) return false;
    this.takeLead();
    this.leaderStart = this.log.lastIndex();
    bcastAppend(this);
    return true;
  }

  /** A snapshot unacknowledged for a whole election timeout is presumed lost. */
  private retryStaleSnapshots(): void {
    for (const pr of this.tracker.progress.values()) {
      if (pr.state !== "snapshot") continue;
      if (pr.snapshotStale) pr.becomeProbe();
      else pr.snapshotStale = true;
    }
  }

  /**
   * Feeds one message. Returns false when a proposal, read or transfer request was
   * dropped (no known leader, transfer in progress, invalid membership change).
   */
  step(m: Message): boolean {
    if (this.quiesced && this.wakesUp(m)) this.wake();
    if (m.term > this.term) {
      if (m.type === "vote" || m.type === "preVote") {
        const inLease =
          this.opts.checkQuorum &&
          this.lead !== NONE &&
          this.leaderContact &&
          this.electionElapsed < this.opts.electionTick;
        if (m.context !== "transfer" && inLease) return true;
      }
      if (m.type === "preVote" || (m.type === "preVoteResp" && !m.reject)) {
        // A pre-vote never moves terms; a granted one is tallied below.
      } else if (
        m.type === "app" ||
        m.type === "heartbeat" ||
        m.type === "snap" ||
        m.type === "quiesce"
      ) {
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, NONE);
      }
    } else if (m.term !== 0 && m.term < this.term) {
      const fromLeader = m.type === "app" || m.type === "heartbeat" || m.type === "quiesce";
      if (fromLeader && (this.opts.checkQuorum || this.opts.preVote)) {
        // Tell a deposed leader about the newer term so it steps down.
        this.send(message({ type: "appResp", to: m.from }));
      } else if (m.type === "preVote") {
        this.send(message({ type: "preVoteResp", to: m.from, reject: true }));
      }
      return true;
    }
    switch (m.type) {
      case "hup":
        if (this.role !== "leader" && !this.hasUnappliedConfChange()) {
          campaign(this, this.opts.preVote ? "pre" : "normal");
        }
        return true;
      case "vote":
      case "preVote":
        handleVoteRequest(this, m);
        return true;
    }
    switch (this.role) {
      case "leader":
        return stepLeader(this, m);
      case "follower":
        return stepFollower(this, m);
      default:
        return stepCandidate(this, m);
    }
  }

  /**
   * Whether `m` ends quiescence. Responses and the leader's own heartbeats do not: they
   * are answered, but they say nothing new about whether the group is busy.
   */
  private wakesUp(m: Message): boolean {
    switch (m.type) {
      case "quiesce":
      case "appResp":
      case "heartbeatResp":
      case "voteResp":
      case "preVoteResp":
        return false;
      case "heartbeat":
        return m.from !== this.lead || m.term !== this.term;
      default:
        return true;
    }
  }

  /** A replica must not campaign before applying every committed membership change. */
  private hasUnappliedConfChange(): boolean {
    const entries = this.log.nextCommittedEntries(Number.MAX_SAFE_INTEGER);
    return entries.some((e) => e.type === "conf");
  }

  /** Applies a committed membership change (called by the host when it applies the entry). */
  applyConfChange(cc: ConfChange): ConfState {
    const conf = applyConfChange(this.tracker.confState(), cc);
    this.tracker.setConf(conf, this.log.lastIndex() + 1);
    if (this.role !== "leader") return conf;
    if (!this.tracker.isVoter(this.id)) {
      this.becomeFollower(this.term, NONE);
      return conf;
    }
    if (this.leadTransferee !== NONE && !this.tracker.isVoter(this.leadTransferee)) {
      this.leadTransferee = NONE;
    }
    this.maybeCommit();
    bcastAppend(this);
    return conf;
  }
}
