import { type ConfChange, encodeConfChange } from "./conf-change";
import type { Raft } from "./raft";
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
   * Proposes application commands as one batch. False when the proposal was dropped
   * here (no known leader, transfer in progress); true means appended or forwarded.
   */
  propose(data: Uint8Array | readonly Uint8Array[]): boolean {
    const items = data instanceof Uint8Array ? [data] : data;
    const entries = items.map((d) => ({ term: 0, index: 0, type: "normal" as const, data: d }));
    return this.raft.step(message({ type: "prop", entries }));
  }

  proposeConfChange(cc: ConfChange): boolean {
    const entry = { term: 0, index: 0, type: "conf" as const, data: encodeConfChange(cc) };
    return this.raft.step(message({ type: "prop", entries: [entry] }));
  }

  /** Asks for a linearizable read point; it arrives as a ReadState carrying `context`. */
  readIndex(context: string): boolean {
    return this.raft.step(message({ type: "readIndex", context }));
  }

  /** Asks the leader to hand leadership to `to`. */
  transferLeader(to: NodeId): boolean {
    return this.raft.step(message({ type: "transferLeader", from: to }));
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
