import type { Rng } from "../../rng";
import type { Storage } from "./storage";
import type { NodeId } from "./types";

/**
 * How a read-index request is confirmed:
 * - `safe`: a heartbeat round to a quorum proves leadership (no clock assumption);
 * - `lease`: the leader answers at once while check-quorum says it heard from a quorum
 *   within the election timeout. Clock-dependent: correct only if no replica's clock
 *   runs slow enough for a new leader to be elected inside the old leader's lease.
 */
export type ReadOnlyMode = "safe" | "lease";

export interface RaftOptions {
  id: NodeId;
  storage: Storage;
  /** Randomness for election timeouts; the core draws from nothing else. */
  rng: Rng;
  /** Base election timeout in ticks; each timeout is drawn from [electionTick, 2·electionTick). */
  electionTick: number;
  /** Ticks between leader heartbeats; must be below electionTick. */
  heartbeatTick: number;
  /** Last applied index the host's state machine already reflects (restart). */
  applied?: number;
  preVote?: boolean;
  checkQuorum?: boolean;
  /** Entries per append message. */
  maxEntriesPerMsg?: number;
  /** Unacknowledged appends per follower in replicate state. */
  maxInflight?: number;
  /** Committed entries handed out per Ready. */
  maxApplyPerReady?: number;
  readOnly?: ReadOnlyMode;
  /**
   * Leader ticks without proposals (and with every replica caught up) before the group
   * goes quiet; 0 disables quiescence.
   */
  quiesceAfterTicks?: number;
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
