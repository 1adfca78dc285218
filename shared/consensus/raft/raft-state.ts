import type { ResolvedOptions } from "./options";
import { type RaftOptions, resolveOptions } from "./options";
import { RaftLog } from "./raft-log";
import { ReadOnly } from "./read-only";
import type { Refusal, RefusalReason } from "./refusal";
import { ProgressTracker } from "./tracker";
import {
  type Entry,
  type HardState,
  type Message,
  type MessageType,
  NONE,
  type NodeId,
  type RaftRole,
  type ReadState,
  type SoftState,
} from "./types";

/** Kinds that travel without a term: they are requests, not claims about leadership. */
const TERMLESS: ReadonlySet<MessageType> = new Set(["prop", "readIndex", "transferLeader"]);

/**
 * The shared state of one Raft replica and the transitions every role uses (become a
 * follower, candidate or leader; append; commit). The step functions of each role live in
 * their own modules and operate on this object; `Raft` adds the inputs (`step`, `tick`).
 * Hosts should use `RawNode` instead of either.
 */
export class RaftState {
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
  /**
   * Leader: the first index of this leadership — its empty entry after an election, or
   * the last index it held when it resumed a term it led before a restart. Reads wait
   * until it commits; the leadership is confirmed once a quorum holds it.
   */
  leaderStart = 0;
  /** Reads that arrived before this leader committed `leaderStart`. */
  pendingReadIndex: Message[] = [];
  /** A quiescent replica neither heartbeats nor times out until some input wakes it. */
  quiesced = false;
  /** Leader ticks since the last client request. */
  idleTicks = 0;
  /** Why the last refused request (proposal, read, transfer) was refused; see `refuse`. */
  refusal: Refusal | undefined;

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

  /**
   * Records why a proposal, read or transfer request is dropped and returns false, for the
   * step function to return (etcd's ErrProposalDropped, with the reason kept).
   */
  refuse(reason: RefusalReason, detail: string): false {
    this.refusal = { reason, detail };
    return false;
  }

  /** Queues a message, stamping sender and (for term-bearing kinds) the current term. */
  send(m: Message): void {
    if (m.from === NONE) m.from = this.id;
    if (m.term === 0 && !TERMLESS.has(m.type)) m.term = this.term;
    this.msgs.push(m);
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

  /** Leads the term just won: its first entry is an empty one, which commits the log before it. */
  becomeLeader(): void {
    this.takeLead();
    this.appendEntries([{ term: 0, index: 0, type: "normal", data: new Uint8Array() }]);
    this.leaderStart = this.log.lastIndex();
  }

  /** Leader: whether a quorum holds `leaderStart`, so a newer leader cannot have been elected without it. */
  leadershipConfirmed(): boolean {
    return this.role === "leader" && this.tracker.committed() >= this.leaderStart;
  }

  protected takeLead(): void {
    this.reset(this.term);
    this.lead = this.id;
    this.role = "leader";
    this.leaderContact = true;
    this.tracker.progress.get(this.id)?.becomeReplicate();
    this.pendingConfIndex = this.log.lastIndex();
  }

  protected reset(term: number): void {
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

  /** Whether this leader's commit index covers every entry acknowledged before it led. */
  committedSinceLeading(): boolean {
    return this.log.committed >= this.leaderStart;
  }
}
