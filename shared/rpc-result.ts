/**
 * The one result convention of every Durable Object RPC: a call answers either its value
 * or a problem — never a bare string or an ad-hoc `{ error }` — so the gateway unwraps
 * every answer the same way and the types flow from the DO method to the route with no
 * casts. A problem names its kind from the API's problem catalogue (which fixes its HTTP
 * status), says why in `detail`, and may name the offending request field.
 */

/** The problem types edgeos answers with; `type` URIs point at their entry on `/docs`. */
export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "Bad request" },
  "malformed-json": { status: 400, title: "Malformed JSON" },
  "validation-failed": { status: 400, title: "Validation failed" },
  unauthorized: { status: 401, title: "Unauthorized" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  "precondition-failed": { status: 412, title: "Precondition failed" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "range-not-satisfiable": { status: 416, title: "Range not satisfiable" },
  "too-many-requests": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Why a call failed, in terms the API can answer with as it is. */
export interface RpcProblem {
  kind: ProblemKind;
  detail: string;
  /** The offending field, as a dotted path into the request (`body.value`, `path.key`). */
  field?: string;
  /** Seconds a client should wait before retrying (503s). */
  retryAfterSeconds?: number;
  /** Extension members of the problem body (for example `outcome: "unknown"`). */
  extensions?: Record<string, string | number | boolean>;
  /**
   * From a replica of a consensus group that does not lead it: the leader it knows of
   * (0: none) and the voters, so the caller can redirect instead of failing.
   */
  leaderHint?: { leader: number; voters: number[] };
}

/** What every DO RPC answers. */
export type RpcResult<T> = { ok: true; value: T } | RpcFailure;

/** The failing side of `RpcResult`. */
export interface RpcFailure {
  ok: false;
  problem: RpcProblem;
}

/** A successful answer. */
export function rpcOk<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed answer. */
export function rpcFail(
  kind: ProblemKind,
  detail: string,
  options: Omit<RpcProblem, "kind" | "detail"> = {},
): RpcFailure {
  return { ok: false, problem: { kind, detail, ...options } };
}
