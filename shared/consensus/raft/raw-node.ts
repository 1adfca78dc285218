import type { ConsensusNode, CoreMessage, CoreStatus } from "../host/consensus-node";
import { isPaxosMessage } from "../paxos/messages";
import { ReadyDrain } from "../ready-drain";
import { type ConfChange, encodeConfChange } from "./conf-change";
import type { Raft } from "./raft";
import type { Refusal } from "./refusal";
import { statusOf } from "./status";
import {
  type ConfState,
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
export class RawNode implements ConsensusNode {
  readonly raft: Raft;
  private readonly drain: ReadyDrain<Message>;

  constructor(raft: Raft) {
    this.raft = raft;
    this.drain = new ReadyDrain(raft);
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

  resume(ledTerm: number): boolean {
    return this.raft.resumeLeadership(ledTerm);
  }

  leadershipConfirmed(): boolean {
    return this.raft.leadershipConfirmed();
  }

  /** Feeds a message from another replica; local-only kinds are refused, Paxos kinds ignored. */
  step(m: CoreMessage): void {
    if (isPaxosMessage(m)) return;
    if (LOCAL_ONLY.has(m.type)) throw new Error(`cannot step local message ${m.type}`);
    this.raft.step(m);
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
  status(): CoreStatus {
    return { engine: "raft", ...statusOf(this.raft) };
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
    return this.drain.hasReady();
  }

  ready(): Ready {
    return this.drain.ready();
  }

  /** Acknowledges that `rd` was persisted, sent and applied. */
  advance(rd: Ready): void {
    this.drain.advance(rd);
  }
}
