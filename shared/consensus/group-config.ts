/**
 * What defines a consensus group: its name, engine, replica count and where each replica
 * lives. Replica i (1-based) of group g is the Durable Object named `g/i`.
 */
import type { LocationHint } from "../sched/geo/location-hint";
import { type Quorums, quorumsError } from "./paxos/quorums";

/** Group names: lower-case letters, digits and dashes, 1–63 characters. */
export const GROUP_NAME_PATTERN = /^[a-z0-9-]{1,63}$/;

/** The consensus engines a group may run. */
export const ENGINES = ["raft", "paxos"] as const;

/** Replica counts a group may be created with. */
export const REPLICA_COUNTS = [3, 5] as const;

/** Applied entries between snapshots when a group does not choose (etcd's `--snapshot-count` is similar). */
export const DEFAULT_SNAPSHOT_EVERY = 10_000;
/** The range a group may choose `snapshotEvery` from. */
export const MIN_SNAPSHOT_EVERY = 100;
export const MAX_SNAPSHOT_EVERY = 100_000;

/** A group's configuration as its creator chose it (membership changes later live in Raft). */
export interface GroupConfig {
  name: string;
  engine: (typeof ENGINES)[number];
  replicas: number;
  /**
   * Paxos only: election and commit quorums (flexible quorums; they must intersect,
   * `phase1 + phase2 > replicas`). Majorities when absent.
   */
  quorums?: Quorums;
  /** One hint per initial replica, or empty for "wherever the first caller is". */
  locations: LocationHint[];
  /**
   * The fewest applied entries between snapshots of the KV (the log behind a snapshot is
   * compacted); a snapshot also waits for as many log bytes as the last one had (see
   * snapshot-policy.ts). Fewer snapshots cost less CPU under heavy writes; more keep
   * restarts and catch-up short.
   */
  snapshotEvery?: number;
}

/** The group every deployment has without creating it. */
export const DEFAULT_GROUP: GroupConfig = {
  name: "default",
  engine: "raft",
  replicas: 3,
  locations: [],
};

/** The Durable Object name of replica `id` of `group`. */
export function replicaName(group: string, id: number): string {
  return `${group}/${id}`;
}

/** The location hint of replica `id` (1-based), if the group pins one. */
export function replicaLocation(config: GroupConfig, id: number): LocationHint | undefined {
  return config.locations[id - 1];
}

/** Why a group cannot be created as configured, naming the request field at fault. */
export interface GroupCreationRefusal {
  reason: "exists" | "invalid";
  field: string;
  detail: string;
}

/**
 * The checks a new group's configuration must pass beyond its schema: `default` exists
 * already, pinned locations come one per replica, and quorums (Paxos only) intersect.
 */
export function groupCreationRefusal(config: GroupConfig): GroupCreationRefusal | undefined {
  if (config.name === DEFAULT_GROUP.name) {
    return {
      reason: "exists",
      field: "body.name",
      detail: `group "${config.name}" already exists`,
    };
  }
  if (config.locations.length > 0 && config.locations.length !== config.replicas) {
    return {
      reason: "invalid",
      field: "body.locations",
      detail: `give one location per replica (${config.replicas})`,
    };
  }
  if (config.quorums && config.engine !== "paxos") {
    return {
      reason: "invalid",
      field: "body.quorums",
      detail: 'quorums apply to the "paxos" engine only',
    };
  }
  const problem = config.quorums && quorumsError(config.quorums, config.replicas);
  if (problem) return { reason: "invalid", field: "body.quorums", detail: problem };
  return undefined;
}
