/**
 * How a client call on a consensus group ends, as the replica that took it can tell —
 * the same for every engine and every runtime — and how that becomes an RPC answer.
 */

import { type RpcResult, rpcFail, rpcOk } from "../rpc-result";
import type { Refusal } from "./raft/refusal";

/** Seconds a client should wait before retrying a call the group could not serve. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The outcome of a call: its value; a redirect to the leader this replica knows of (0:
 * none); `unknown` when a write may or may not take effect; `unavailable` when it surely
 * did not and may be retried; `overloaded` when the replica refused it at once because
 * too many calls wait already (retry after a pause); `invalid` when it never can be
 * served as asked.
 */
export type CallOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "not_leader"; leader: number; voters: number[] }
  | { ok: false; reason: "unknown" | "unavailable" | "overloaded" | "invalid"; detail: string };

/** A failed outcome, whatever the value type. */
export type CallFailure = Exclude<CallOutcome<never>, { ok: true }>;

export function unknown(detail: string): CallFailure {
  return { ok: false, reason: "unknown", detail };
}

export function unavailable(detail: string): CallFailure {
  return { ok: false, reason: "unavailable", detail };
}

export function overloaded(detail: string): CallFailure {
  return { ok: false, reason: "overloaded", detail };
}

/**
 * What a refusal of the core means for the caller: requests refused for lack of a leader,
 * during a transfer or while another change is pending may succeed later; the others
 * cannot succeed as asked.
 */
export function refusalOutcome(refusal: Refusal): CallFailure {
  switch (refusal.reason) {
    case "no_leader":
    case "transferring":
    case "change_pending":
    case "learner_behind":
      return { ok: false, reason: "unavailable", detail: refusal.detail };
    default:
      return { ok: false, reason: "invalid", detail: refusal.detail };
  }
}

/** The RPC answer for an outcome; a redirect carries the leader and voters it knows. */
export function outcomeToRpc<T>(outcome: CallOutcome<T>): RpcResult<T> {
  if (outcome.ok) return rpcOk(outcome.value);
  switch (outcome.reason) {
    case "not_leader":
      return rpcFail("unavailable", "this replica does not lead the group", {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        leaderHint: { leader: outcome.leader, voters: outcome.voters },
      });
    case "unknown":
      return rpcFail(
        "unavailable",
        `the outcome is unknown: the write may or may not have been applied (${outcome.detail})`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS, extensions: { outcome: "unknown" } },
      );
    case "unavailable":
      return rpcFail("unavailable", outcome.detail, { retryAfterSeconds: RETRY_AFTER_SECONDS });
    case "overloaded":
      return rpcFail("too-many-requests", outcome.detail, {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    case "invalid":
      return rpcFail("conflict", outcome.detail);
  }
}
