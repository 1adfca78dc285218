import type { Rng } from "../../rng";
import type { ReadOnlyMode } from "../raft/options";
import type { Storage } from "../raft/storage";
import type { NodeId } from "../raft/types";
import type { Quorums } from "./quorums";

/** What one Multi-Paxos replica is built from; time and randomness come from outside. */
export interface PaxosOptions {
  id: NodeId;
  storage: Storage;
  /** Randomness for failure-detection timeouts and preemption back-off; nothing else. */
  rng: Rng;
  /** Ticks without word from a leader before campaigning, drawn from [E, 2E). */
  electionTick: number;
  /** Ticks between the leader's heartbeats; must be below electionTick. */
  heartbeatTick: number;
  /** Last applied slot the host's state machine already reflects (restart). */
  applied?: number;
  /** The group's chosen quorums; majorities when absent. */
  quorums?: Quorums;
  /** Entries per accept message. */
  maxEntriesPerMsg?: number;
  /** Unacknowledged accept batches per acceptor: the pipeline's depth. */
  maxInflight?: number;
  /** Chosen entries handed out per Ready. */
  maxApplyPerReady?: number;
  /** A leader that hears from fewer than a commit quorum within an election timeout steps down. */
  checkQuorum?: boolean;
  /** Idle leader ticks (with every acceptor caught up) before the group goes quiet; 0: never. */
  quiesceAfterTicks?: number;
  /**
   * `safe` (default): every read round is confirmed by a commit quorum. `lease`: the
   * leader answers at once while a commit quorum acknowledged one of its messages sent
   * within the last `electionTick − LEASE_SAFETY_TICKS` ticks — acceptors promise no other
   * proposer for `electionTick` ticks after hearing the leader. Clock-dependent: correct
   * only while no clock (or paused process) runs slow by more than the safety margin.
   */
  readOnly?: ReadOnlyMode;
}

/** Ticks a leader's lease ends before an acceptor's promise to it does: the drift allowed. */
export const LEASE_SAFETY_TICKS = 2;

export type ResolvedPaxosOptions = Required<Omit<PaxosOptions, "quorums">> &
  Pick<PaxosOptions, "quorums">;

export function resolvePaxosOptions(options: PaxosOptions): ResolvedPaxosOptions {
  if (options.heartbeatTick <= 0 || options.electionTick <= options.heartbeatTick) {
    throw new Error("need 0 < heartbeatTick < electionTick");
  }
  return {
    applied: 0,
    maxEntriesPerMsg: 256,
    maxInflight: 4,
    maxApplyPerReady: 1024,
    checkQuorum: true,
    quiesceAfterTicks: 0,
    readOnly: "safe",
    ...options,
  };
}
