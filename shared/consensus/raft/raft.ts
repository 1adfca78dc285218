import { applyConfChange, type ConfChange } from "./conf-change";
import { campaign, handleVoteRequest, stepCandidate } from "./election";
import { stepFollower } from "./follower";
import { stepLeader } from "./leader";
import { type RaftOptions, type ResolvedOptions, resolveOptions } from "./options";
import { maybeQuiesce } from "./quiescence";
import { RaftLog } from "./raft-log";
import { ReadOnly } from "./read-only";
import { bcastAppend } from "./replication";
import { ProgressTracker } from "./tracker";
import {
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  message,
  NONE,
  type NodeId,
  type RaftRole,
  type ReadState,
  type SoftState,
} from "./types";

/** Kinds that travel without a term: they are requests, not claims about leadership. */
const TERMLESS: ReadonlySet<MessageType> = new Set(["prop", "readIndex", "transferLeader"]);

/**
 * The Raft state machine of one replica: a pure function of its inputs (`step`, `tick`)
 * whose outputs accumulate in `msgs` and `readStates` and in the log's unstable part,
 * drained by `RawNode.ready()`. The step functions of each role live in their own
 * modules and operate on this object, so its fields are the core's shared state; hosts
 * should use `RawNode` instead.
 */
export class Raft {
  readonly id: NodeId;
  readonly opts: ResolvedOptions;
  readonly log: RaftLog;
  readonly tracker: ProgressTracker;
  term = 0;
  /** Whom this replica voted for in `term` (persisted). */
  vote: NodeId = NONE;
  lead: NodeId = NONE;
  role: RaftRole = "follower";
  msgs: Message[] = [];
  readStates: ReadState[] = [];
  /** Ticks since the last reset: leader contact (follower) or quorum check (leader). */
  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  /**
   * Whether `electionElapsed` counts from real contact with a live leader (or, on the
   * leader, a passed quorum check). Cleared when waking from quiescence, so a woken
   * replica does not refuse votes on the strength of a lease it cannot vouch for.
   */
  leaderContact = false;
  /** Target of a leader transfer in progress, or NONE. */
  leadTransferee: NodeId = NONE;
  /** Index of the last membership change proposed; no new one until it is applied. */
  pendingConfIndex = 0;
  readOnly = new ReadOnly();
  /** Reads that arrived before this leader committed an entry of its own term. */
  pendingReadIndex: Message[] = [];
  /** A quiescent replica neither heartbeats nor times out until some input wakes it. */
  quiesced = false;
  /** Leader ticks since the last client request. */
  idleTicks = 0;

  constructor(options: RaftOptions) {
    this.opts = resolveOptions(options);
    this.id = options.id;
    this.log = new RaftLog(options.storage);
    const { hardState, confState } = options.storage.initialState();
    this.tracker = new ProgressTracker(this.opts.maxInflight);
    this.tracker.setConf(confState, this.log.lastIndex() + 1);
    this.term = hardState.term;
    this.vote = hardState.vote;
    this.log.commitTo(hardState.commit);
    if (this.opts.applied > this.log.applied) this.log.appliedTo(this.opts.applied);
    this.becomeFollower(this.term, NONE);
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  softState(): SoftState {
    return { lead: this.lead, role: this.role };
  }

  promotable(): boolean {
    return this.tracker.isVoter(this.id);
  }

  /** Queues a message, stamping sender and (for term-bearing kinds) the current term. */
  send(m: Message): void {
    if (m.from === NONE) m.from = this.id;
    if (m.term === 0 && !TERMLESS.has(m.type)) m.term = this.term;
    this.msgs.push(m);
  }

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

  /** Ends quiescence: timers run again (a follower that then hears no leader campaigns). */
  wake(): void {
    this.quiesced = false;
    this.leaderContact = false;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.idleTicks = 0;
    if (this.role === "leader") {
      for (const pr of this.tracker.progress.values()) pr.recentActive = true;
    }
  }

  /** A replica must not campaign before applying every committed membership change. */
  private hasUnappliedConfChange(): boolean {
    const entries = this.log.nextCommittedEntries(Number.MAX_SAFE_INTEGER);
    return entries.some((e) => e.type === "conf");
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.lead = lead;
    this.role = "follower";
  }

  becomePreCandidate(): void {
    this.tracker.resetVotes();
    this.lead = NONE;
    this.role = "preCandidate";
    this.quiesced = false;
  }

  becomeCandidate(): void {
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = "candidate";
  }

  becomeLeader(): void {
    this.reset(this.term);
    this.lead = this.id;
    this.role = "leader";
    this.leaderContact = true;
    this.tracker.progress.get(this.id)?.becomeReplicate();
    this.pendingConfIndex = this.log.lastIndex();
    this.appendEntries([{ term: 0, index: 0, type: "normal", data: new Uint8Array() }]);
  }

  private reset(term: number): void {
    if (term !== this.term) {
      this.term = term;
      this.vote = NONE;
    }
    this.lead = NONE;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTimeout =
      this.opts.electionTick + this.opts.rng.int(this.opts.electionTick);
    this.leadTransferee = NONE;
    this.leaderContact = false;
    this.tracker.resetVotes();
    const last = this.log.lastIndex();
    this.tracker.resetProgress(last + 1);
    const self = this.tracker.progress.get(this.id);
    if (self) self.match = last;
    this.pendingConfIndex = 0;
    this.readOnly = new ReadOnly();
    this.pendingReadIndex = [];
    this.quiesced = false;
    this.idleTicks = 0;
  }

  /** Stamps `entries` with this leader's term and the next indexes, and appends them. */
  appendEntries(entries: readonly Entry[]): void {
    const last = this.log.lastIndex();
    const stamped = entries.map((e, i) => ({
      term: this.term,
      index: last + 1 + i,
      type: e.type,
      data: e.data,
    }));
    this.log.append(stamped);
    this.tracker.progress.get(this.id)?.maybeUpdate(this.log.lastIndex());
    this.maybeCommit();
  }

  /**
   * Advances the commit index to what a quorum holds, but only through an entry of the
   * current term (§5.4.2, Figure 8): older entries commit indirectly with it.
   */
  maybeCommit(): boolean {
    return this.log.maybeCommit(this.tracker.committed(), this.term);
  }

  committedEntryInCurrentTerm(): boolean {
    return this.log.term(this.log.committed) === this.term;
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
