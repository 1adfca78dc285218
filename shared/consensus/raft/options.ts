import type { CoreOptions } from "../core-options";

/**
 * How a read-index request is confirmed:
 * - `safe`: a heartbeat round to a quorum proves leadership (no clock assumption);
 * - `lease`: the leader answers at once while check-quorum says it heard from a quorum
 *   within the election timeout. Clock-dependent: correct only if no replica's clock
 *   runs slow enough for a new leader to be elected inside the old leader's lease.
 */
export type ReadOnlyMode = "safe" | "lease";

export interface RaftOptions extends CoreOptions {
  preVote?: boolean;
  readOnly?: ReadOnlyMode;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<RaftOptions>;

export function resolveOptions(options: RaftOptions): ResolvedOptions {
  if (options.heartbeatTick <= 0 || options.electionTick <= options.heartbeatTick) {
    throw new Error("need 0 < heartbeatTick < electionTick");
  }
  const resolved: ResolvedOptions = {
    applied: 0,
    preVote: true,
    checkQuorum: true,
    maxEntriesPerMsg: 256,
    maxInflight: 64,
    maxApplyPerReady: 1024,
    readOnly: "safe",
    quiesceAfterTicks: 0,
    ...options,
  };
  if (resolved.readOnly === "lease" && !resolved.checkQuorum) {
    throw new Error("lease-based reads need checkQuorum");
  }
  return resolved;
}
