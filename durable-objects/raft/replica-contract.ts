/**
 * The contract between a replica and its callers (the gateway, tests): tuning constants,
 * the address a client call carries, what a call can answer, and the status report.
 */
import type { GroupConfig } from "../../shared/consensus/group-config";
import type { ConfState } from "../../shared/consensus/raft";
import type { Settled } from "./pending";

/** Milliseconds per core tick. */
export const TICK_MS = 100;
/** Election timeout in ticks (drawn from [E, 2E)); heartbeat interval in ticks. */
export const ELECTION_TICKS = 10;
export const HEARTBEAT_TICKS = 2;
/** Idle ticks before a leader quiesces the group. */
export const QUIESCE_AFTER_TICKS = 20;
/** How long a client call waits for consensus before its outcome is reported unknown. */
export const CALL_TIMEOUT_MS = 5000;
/** Entries kept behind a snapshot for followers that are only slightly behind. */
export const ENTRIES_KEPT_AFTER_SNAPSHOT = 50;

/** Who is calling and, for the implicit default group, how to create it. */
export interface ReplicaAddress {
  id: number;
  /** The group's configuration when this call may create the replica; null otherwise. */
  bootstrap: GroupConfig | null;
}

/** Outcome of a client call: a result, a redirect to the leader, or why there is none. */
export type CallOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "not_leader"; leader: number; voters: number[] }
  | { ok: false; reason: "unknown" | "unavailable" | "no_group" | "invalid"; detail: string };

/** What `status` reports. */
export interface ReplicaStatus {
  group: string;
  id: number;
  role: string;
  leader: number;
  term: number;
  commit: number;
  applied: number;
  quiesced: boolean;
  conf: ConfState;
  locations: string[];
  /** Per member as this replica sees it (match index known only on the leader). */
  members: {
    id: number;
    voter: boolean;
    match: number | null;
    lag: number | null;
    location: string | null;
  }[];
  /** Counters since this object started: calls served and RPCs sent to peers. */
  stats: {
    clientCalls: number;
    peerCallsIn: number;
    peerCallsOut: number;
    alarms: number;
    proposals: number;
  };
}

export function noGroup(): CallOutcome<never> {
  return { ok: false, reason: "no_group", detail: "no such group" };
}

export function unknown(detail: string): CallOutcome<never> {
  return { ok: false, reason: "unknown", detail };
}

export function unknownSettled(detail: string): Settled<never> {
  return { ok: false, reason: "unknown", detail };
}

export function fromSettled<T>(settled: Settled<T>): CallOutcome<T> {
  return settled.ok ? settled : { ok: false, reason: settled.reason, detail: settled.detail };
}
