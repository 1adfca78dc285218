import type { CoreOptions } from "../core-options";
import type { ReadOnlyMode } from "../raft/options";
import type { Quorums } from "./quorums";

/** What one Multi-Paxos replica is built from; time and randomness come from outside. */
export interface PaxosOptions extends CoreOptions {
  /** The group's chosen quorums; majorities when absent. */
  quorums?: Quorums;
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
