/**
 * A replica's status as its host reports it: the core's view plus what only the host
 * knows — whether this life of the replica has been woken since it loaded from disk, and
 * the leader it last followed (recorded when the group went quiet, so a replica evicted
 * while idle still names it), and when it last heard from each peer.
 */
import type { NodeId } from "../raft/types";
import type { CoreStatus } from "./consensus-node";

/**
 * - `active`: timers run (electing, replicating, or idle but not yet quiet);
 * - `quiesced`: the group went quiet with every replica's log complete; no timer runs;
 * - `evicted`: loaded from disk (the runtime dropped it, or it restarted) and neither asked
 *   to serve nor spoken to since; its state is rebuilt up to the commit index on disk.
 */
export const REPLICA_STATES = ["active", "quiesced", "evicted"] as const;
export type ReplicaState = (typeof REPLICA_STATES)[number];

export interface HostStatus extends CoreStatus {
  state: ReplicaState;
  /** The leader now if one is known, else the one this replica last followed (0: none). */
  lastLeader: NodeId;
  /** When a message from each peer last arrived (host clock, ms); absent: none since loading. */
  lastContact: ReadonlyMap<NodeId, number>;
}

/** The host's status from the core's, whether this life has been woken yet, and its contacts. */
export function hostStatus(
  core: CoreStatus,
  woken: boolean,
  recordedLeader: NodeId,
  lastContact: ReadonlyMap<NodeId, number>,
): HostStatus {
  const state: ReplicaState = !woken ? "evicted" : core.quiesced ? "quiesced" : "active";
  return { ...core, state, lastLeader: core.lead !== 0 ? core.lead : recordedLeader, lastContact };
}
