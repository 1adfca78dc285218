/**
 * The shared state of one Multi-Paxos replica — acceptor, learner and (when it leads)
 * proposer in one — and the transitions every role uses. The role's step functions live
 * in `acceptor.ts` and `leader.ts`; `Paxos` adds the inputs (`step`, `tick`).
 *
 * Durable: the highest ballot promised (`promised`, stored as the hard state's term),
 * the accepted values (the log: slot = index, accepting ballot = term), and — lazily,
 * as Raft's commit index — the chosen prefix. Everything else is rebuilt after a restart.
 */
import { applyConfChange, decodeConfChange } from "../raft/conf-change";
import { RaftLog } from "../raft/raft-log";
import type { Refusal, RefusalReason } from "../raft/refusal";
import {
  type ConfState,
  type Entry,
  type HardState,
  NONE,
  type NodeId,
  type ReadState,
  type SoftState,
} from "../raft/types";
import type { PaxosMessage } from "./messages";
import type { PaxosOptions, ResolvedPaxosOptions } from "./options";
import { resolvePaxosOptions } from "./options";
import type { PhaseOne } from "./phase-one";
import { effectiveQuorums, type Quorums } from "./quorums";

export type PaxosRole = "follower" | "candidate" | "leader";

/** What the leader knows of one acceptor. */
export interface AcceptorProgress {
  /** Highest slot through which the acceptor holds this leader's values. */
  match: number;
  /** Next slot to send it. */
  next: number;
  /** Accept batches sent and not yet answered. */
  inflight: number;
  /** The acceptor's chosen prefix, as its last answer said. */
  chosen: number;
  /** Leader tick until which a snapshot sent to it is presumed in flight (0: none). */
  snapshotUntil: number;
  /** Whether it answered since the last quorum check. */
  active: boolean;
}

/** A read waiting for a commit quorum to confirm this replica still leads. */
export interface ReadRound {
  context: string;
  /** The chosen prefix to apply before serving, once this leader chose its first slot. */
  index: number | null;
  acks: Set<NodeId>;
}

export class PaxosState {
  readonly id: NodeId;
  readonly opts: ResolvedPaxosOptions;
  readonly log: RaftLog;
  /** The highest ballot this acceptor promised (persisted). */
  promised = 0;
  /** The ballot this replica last campaigned with or led (0: never). */
  ballot = 0;
  role: PaxosRole = "follower";
  lead: NodeId = NONE;
  /** Membership as of the chosen prefix; a configuration entry takes effect once chosen. */
  conf: ConfState;
  msgs: PaxosMessage[] = [];
  readStates: ReadState[] = [];
  refusal: Refusal | undefined;
  quiesced = false;
  /** Acceptor side: the leader ballot followed, and through which slot it holds its values. */
  followBallot = 0;
  matched = 0;
  electionElapsed = 0;
  randomizedTimeout = 0;
  /** Whether `electionElapsed` counts from contact with a live leader. */
  leaderContact = false;
  /** Candidate side. */
  phaseOne: PhaseOne | undefined;
  asked = new Set<NodeId>();
  forced = false;
  /** Leader side. */
  readonly progress = new Map<NodeId, AcceptorProgress>();
  /** The no-op this leader opened its ballot with; reads wait until it is chosen. */
  firstSlotOfBallot = 0;
  /** Slot of a configuration entry not yet chosen (0: none): nothing after it is sent. */
  pendingConf = 0;
  reads: ReadRound[] = [];
  leadTransferee: NodeId = NONE;
  heartbeatElapsed = 0;
  idleTicks = 0;
  quorumElapsed = 0;
  transferElapsed = 0;
  /** Leader ticks since it took office (the lease clock). */
  leaderTicks = 0;
  /** Per acceptor, the latest `sentAt` it acknowledged under this ballot (leases). */
  readonly leaseAcks = new Map<NodeId, number>();

  constructor(options: PaxosOptions) {
    this.opts = resolvePaxosOptions(options);
    this.id = options.id;
    this.log = new RaftLog(options.storage);
    const { hardState, confState } = options.storage.initialState();
    this.conf = confState;
    this.promised = hardState.term;
    this.ballot = hardState.term;
    this.commitTo(Math.min(hardState.commit, this.log.lastIndex()));
    if (this.opts.applied > this.log.applied) this.log.appliedTo(this.opts.applied);
    this.matched = this.log.committed;
    this.resetTimeout();
  }

  hardState(): HardState {
    return { term: this.promised, vote: NONE, commit: this.log.committed };
  }

  softState(): SoftState {
    return { lead: this.lead, role: this.role };
  }

  /** The quorums in force for `conf` (the current membership by default). */
  quorums(conf: ConfState = this.conf): Quorums {
    return effectiveQuorums(this.opts.quorums, conf.voters.length);
  }

  isVoter(): boolean {
    return this.conf.voters.includes(this.id);
  }

  send(m: PaxosMessage): void {
    this.msgs.push({ ...m, from: this.id });
  }

  /** Records why a request is dropped; returns false so callers can `return this.refuse(...)`. */
  refuse(reason: RefusalReason, detail: string): false {
    this.refusal = { reason, detail };
    return false;
  }

  /**
   * Marks every slot through `to` chosen, and applies the configuration entries among
   * them (membership follows the chosen prefix, so every replica agrees which
   * configuration governs each slot).
   */
  commitTo(to: number): void {
    const from = this.log.committed + 1;
    if (to < from) return;
    for (const entry of this.log.entriesFrom(from, to - from + 1) ?? []) {
      if (entry.type === "conf")
        this.conf = applyConfChange(this.conf, decodeConfChange(entry.data));
      if (entry.index === this.pendingConf) this.pendingConf = 0;
    }
    this.log.commitTo(to);
  }

  /** Draws the next failure-detection timeout (also the back-off after a preemption). */
  resetTimeout(): void {
    this.electionElapsed = 0;
    this.randomizedTimeout = this.opts.electionTick + this.opts.rng.int(this.opts.electionTick);
  }

  /** Becomes an acceptor following `lead` (NONE: waiting for a leader to show itself). */
  becomeFollower(lead: NodeId): void {
    this.role = "follower";
    this.lead = lead;
    this.phaseOne = undefined;
    this.progress.clear();
    this.leaseAcks.clear();
    this.reads = [];
    this.leadTransferee = NONE;
    this.pendingConf = 0;
    this.resetTimeout();
  }

  /** A higher ballot is out there: stand down and back off for a random timeout. */
  preempted(ballot: number): void {
    if (ballot > this.promised) this.promised = ballot;
    if (this.role !== "follower") this.becomeFollower(NONE);
  }

  /** Accepts `from` as leader of `ballot` (which is at least the promised one). */
  follow(from: NodeId, ballot: number): void {
    this.promised = Math.max(this.promised, ballot);
    if (this.role !== "follower") this.becomeFollower(from);
    this.lead = from;
    if (this.followBallot !== ballot) {
      this.followBallot = ballot;
      this.matched = this.log.committed;
    }
    this.electionElapsed = 0;
    this.leaderContact = true;
  }

  /** Every entry after `lo` this replica holds. */
  entriesAfter(lo: number): Entry[] {
    return this.log.entriesFrom(lo + 1, Math.max(0, this.log.lastIndex() - lo)) ?? [];
  }
}
