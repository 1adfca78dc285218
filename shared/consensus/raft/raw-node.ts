import { type ConfChange, encodeConfChange } from "./conf-change";
import type { Raft } from "./raft";
import type { Refusal } from "./refusal";
import { type RaftStatus, statusOf } from "./status";
import {
  type ConfState,
  type HardState,
  type Message,
  type MessageType,
  message,
  type NodeId,
  type Ready,
  type SoftState,
} from "./types";

const LOCAL_ONLY: ReadonlySet<MessageType> = new Set(["hup", "beat", "checkQuorum"]);

/**
 * The host-facing façade of one replica (etcd's RawNode). A host feeds inputs —
 * `tick`, `step`, `propose`, `readIndex`, `transferLeader`, `proposeConfChange` — and
 * after each batch of inputs drains `ready()`: persist, send, apply, then `advance(rd)`.
 * Exactly one Ready may be outstanding at a time.
 */
export class RawNode {
  readonly raft: Raft;
  private prevSoft: SoftState;
  private prevHard: HardState;

  constructor(raft: Raft) {
    this.raft = raft;
    this.prevSoft = raft.softState();
    this.prevHard = raft.hardState();
  }

  tick(): void {
    this.raft.tick();
  }

  /**
   * Wakes a quiescent replica that is asked to serve (a client call it cannot answer
   * itself): its election timer runs again, so if the leader is gone it campaigns.
   */
  wake(): void {
    if (this.raft.quiesced) this.raft.wake();
  }

  /** Starts an election now (tests, bootstrapping a single replica). */
  campaign(): void {
    this.raft.step(message({ type: "hup" }));
  }

  /** Feeds a message from another replica; local-only kinds are refused. */
  step(m: Message): boolean {
    if (LOCAL_ONLY.has(m.type)) throw new Error(`cannot step local message ${m.type}`);
    return this.raft.step(m);
  }

  /**
   * Proposes application commands as one batch. Answers why the proposal was dropped
   * here (no known leader, transfer in progress, …), or undefined when it was appended
   * or forwarded to the leader.
   */
  propose(data: Uint8Array | readonly Uint8Array[]): Refusal | undefined {
    const items = data instanceof Uint8Array ? [data] : data;
    const entries = items.map((d) => ({ term: 0, index: 0, type: "normal" as const, data: d }));
    return this.request(message({ type: "prop", entries }));
  }

  /** Proposes one membership change; answers why it was refused, if it was. */
  proposeConfChange(cc: ConfChange): Refusal | undefined {
    const entry = { term: 0, index: 0, type: "conf" as const, data: encodeConfChange(cc) };
    return this.request(message({ type: "prop", entries: [entry] }));
  }

  /**
   * Asks for a linearizable read point; it arrives as a ReadState carrying `context`.
   * Answers why the request was refused, if it was.
   */
  readIndex(context: string): Refusal | undefined {
    return this.request(message({ type: "readIndex", context }));
  }

  /** Asks the leader to hand leadership to `to`; answers why it was refused, if it was. */
  transferLeader(to: NodeId): Refusal | undefined {
    return this.request(message({ type: "transferLeader", from: to }));
  }

  /** Role and known leader: the cheap part of `status()`, for every call's leader check. */
  softState(): SoftState {
    return this.raft.softState();
  }

  /** What the replica knows of itself and its group. */
  status(): RaftStatus {
    return statusOf(this.raft);
  }

  /** Steps a local request; a dropped one answers the refusal the core recorded. */
  private request(m: Message): Refusal | undefined {
    this.raft.refusal = undefined;
    if (this.raft.step(m)) return undefined;
    return this.raft.refusal ?? { reason: "no_leader", detail: "request dropped" };
  }

  /** Call when applying a committed `conf` entry; returns the new membership. */
  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  hasReady(): boolean {
    const r = this.raft;
    return (
      r.msgs.length > 0 ||
      r.readStates.length > 0 ||
      r.log.unstable.entries.length > 0 ||
      r.log.unstable.snapshot !== undefined ||
      r.log.hasNextCommittedEntries() ||
      !sameSoft(r.softState(), this.prevSoft) ||
      !sameHard(r.hardState(), this.prevHard)
    );
  }

  ready(): Ready {
    const r = this.raft;
    const rd: Ready = {
      entries: r.log.unstableEntries(),
      committedEntries: r.log.nextCommittedEntries(r.opts.maxApplyPerReady),
      messages: r.msgs,
      readStates: r.readStates,
    };
    r.msgs = [];
    r.readStates = [];
    const soft = r.softState();
    if (!sameSoft(soft, this.prevSoft)) {
      rd.softState = soft;
      this.prevSoft = soft;
    }
    const hard = r.hardState();
    if (!sameHard(hard, this.prevHard)) {
      rd.hardState = hard;
      this.prevHard = hard;
    }
    if (r.log.unstable.snapshot) rd.snapshot = r.log.unstable.snapshot;
    return rd;
  }

  /** Acknowledges that `rd` was persisted, sent and applied. */
  advance(rd: Ready): void {
    const log = this.raft.log;
    const last = rd.entries[rd.entries.length - 1];
    if (last) log.stableTo(last.index, last.term);
    if (rd.snapshot) {
      log.stableSnapTo(rd.snapshot.meta.index);
      if (rd.snapshot.meta.index > log.applied) log.appliedTo(rd.snapshot.meta.index);
    }
    const applied = rd.committedEntries[rd.committedEntries.length - 1];
    if (applied && applied.index > log.applied) log.appliedTo(applied.index);
  }
}

function sameSoft(a: SoftState, b: SoftState): boolean {
  return a.lead === b.lead && a.role === b.role;
}

function sameHard(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}
