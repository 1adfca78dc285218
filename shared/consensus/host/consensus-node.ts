/**
 * What the shared host needs of a consensus engine's core: inputs (ticks, peer messages,
 * client requests) and the Ready it drains after each. Raft's `RawNode` and Multi-Paxos's
 * `PaxosNode` both provide it, so one host loop, one set of ports and one simulator
 * serve both engines.
 */

import type { Ballot } from "../paxos/ballot";
import type { PaxosMessage } from "../paxos/messages";
import type { Quorums } from "../paxos/quorums";
import type { ConfChange } from "../raft/conf-change";
import type { Refusal } from "../raft/refusal";
import type { RaftStatus } from "../raft/status";
import type { ConfState, Message, NodeId, Ready, SoftState } from "../raft/types";

/** A message of either engine: the transport routes by `to` and never looks inside. */
export type CoreMessage = Message | PaxosMessage;

/** A replica's view of itself, in Raft's terms; a Paxos core adds its ballot and quorums. */
export interface CoreStatus extends RaftStatus {
  engine: "raft" | "paxos";
  /** Paxos: the highest ballot promised (`term` is its number). */
  ballot?: Ballot;
  /** Paxos: the quorums in force for the current voters. */
  quorums?: Quorums;
}

export interface ConsensusNode {
  tick(): void;
  /** Resumes a quiescent replica's timers (it was asked to serve). */
  wake(): void;
  /** Starts an election (phase 1) now. */
  campaign(): void;
  /**
   * Leads `ledTerm` again without an election, after a restart, when the replica's disk
   * records that it led that term; false when the engine cannot or the term moved on
   * (the host then campaigns). A resumed leader serves once `leadershipConfirmed`.
   */
  resume(ledTerm: number): boolean;
  /** Whether this replica leads and a quorum has acknowledged its leadership. */
  leadershipConfirmed(): boolean;
  /** Feeds a message from a peer; another engine's kinds are ignored. */
  step(m: CoreMessage): void;
  propose(data: readonly Uint8Array[]): Refusal | undefined;
  proposeConfChange(cc: ConfChange): Refusal | undefined;
  readIndex(context: string): Refusal | undefined;
  transferLeader(to: NodeId): Refusal | undefined;
  softState(): SoftState;
  status(): CoreStatus;
  /** Called when the host applies a committed membership change; returns the membership. */
  applyConfChange(cc: ConfChange): ConfState;
  hasReady(): boolean;
  ready(): Ready<CoreMessage>;
  advance(rd: Ready<CoreMessage>): void;
}
