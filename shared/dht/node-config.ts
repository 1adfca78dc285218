/**
 * How a ring node is configured from its ring: who it is (`NodeSpec`, kept in the node's
 * storage) and the core configuration derived from it, the same in a Durable Object and in
 * the simulator. Ticks of the cores are milliseconds of the host's clock.
 */
import type { ChordConfig } from "./chord/types";
import type { KadConfig } from "./kademlia/types";
import { type Overlay, SUCCESSOR_LIST_LENGTH } from "./ring-config";
import { TOMBSTONE_GRACE } from "./write-stamp";

/** Who a node is and how its ring is configured. */
export interface NodeSpec {
  ring: string;
  overlay: Overlay;
  /** This node's address (its Durable Object name). */
  addr: string;
  host: string;
  replication: number;
  /** Kademlia bucket size (0 for Chord). */
  k: number;
}

/** Ticks (ms) between maintenance rounds while a node is active. */
export const MAINTENANCE_MS = 1000;
/**
 * Core request deadline. The transport reports a failed call at once, so deadlines only
 * matter for calls that never return; they must outlast any slow but live peer.
 */
export const RPC_TIMEOUT_MS = 60_000;

const HOUR_MS = 3_600_000;
/** Kademlia record lifetime in rings: long enough never to matter (records are a store). */
const RECORD_LIFETIME_MS = 100 * 365 * 24 * HOUR_MS;

/** The Chord core's configuration for a node of `spec`'s ring. */
export function chordConfig(spec: NodeSpec): ChordConfig {
  return {
    successorListLength: Math.max(SUCCESSOR_LIST_LENGTH, spec.replication - 1),
    replicas: spec.replication,
    maintenanceEvery: MAINTENANCE_MS,
    fingersPerRound: 8,
    rpcTimeout: RPC_TIMEOUT_MS,
    tombstoneGrace: TOMBSTONE_GRACE,
  };
}

/**
 * The Kademlia core's configuration for a node of `spec`'s ring: records live a century,
 * so an idle ring (which republishes nothing) loses nothing; a delete's tombstone lives
 * `TOMBSTONE_GRACE`.
 */
export function kadConfig(spec: NodeSpec): KadConfig {
  return {
    k: spec.k,
    alpha: Math.min(3, spec.k),
    rpcTimeout: RPC_TIMEOUT_MS,
    maintenanceEvery: MAINTENANCE_MS,
    refreshAfter: HOUR_MS,
    republishEvery: HOUR_MS,
    expireAfter: RECORD_LIFETIME_MS,
    tombstoneGrace: TOMBSTONE_GRACE,
  };
}
