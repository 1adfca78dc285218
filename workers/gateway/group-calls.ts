/**
 * How the gateway reaches a consensus group: it calls the replica it believes leads
 * (a per-isolate hint, replica 1 at first), follows `not_leader` redirects, waits out
 * elections, and turns what cannot be answered into problems — 404 for a group that does
 * not exist, 503 with Retry-After when there is no leader, and 503 saying the outcome is
 * unknown when a write may or may not have happened.
 */

import type { RaftReplica } from "../../durable-objects/raft/raft-replica";
import type { ReplicaAddress } from "../../durable-objects/raft/replica-contract";
import { RETRY_AFTER_SECONDS } from "../../shared/consensus/call-outcome";
import { DEFAULT_GROUP, type GroupConfig, replicaName } from "../../shared/consensus/group-config";
import type { RpcProblem, RpcResult } from "../../shared/rpc-result";
import { ProblemError } from "./problem";
import { problemFromRpc } from "./rpc-unwrap";

/** How long one call may spend on redirects and waiting out elections before giving up. */
export const GROUP_CALL_BUDGET_MS = 6000;
/** Pause between attempts while no leader is known (an election takes about a second). */
export const NO_LEADER_BACKOFF_MS = 150;

/** The last replica of each group that answered as leader, per isolate. */
const leaderHints = new Map<string, number>();
/** The voters of each group as a replica last reported them, per isolate. */
const voterHints = new Map<string, number[]>();

/** The replica stub `id` of `group`. */
export function replicaStub(env: Env, group: string, id: number): DurableObjectStub<RaftReplica> {
  return env.RAFT_REPLICA.getByName(replicaName(group, id));
}

/** The configuration a call may create the group with: only the implicit default group. */
function bootstrapFor(group: string): GroupConfig | null {
  return group === DEFAULT_GROUP.name ? DEFAULT_GROUP : null;
}

/** A call on one replica of a group, answering the RPC result convention. */
export type ReplicaCall<T> = (
  stub: DurableObjectStub<RaftReplica>,
  address: ReplicaAddress,
) => Promise<RpcResult<T>>;

/** Runs `call` against the group's leader and returns its value, or throws a problem. */
export async function callLeader<T>(
  env: Env,
  group: string,
  call: ReplicaCall<T>,
  options: { write: boolean },
): Promise<T> {
  let target = leaderHints.get(group) ?? 1;
  let last = "no replica answered";
  const deadline = Date.now() + GROUP_CALL_BUDGET_MS;
  while (Date.now() < deadline) {
    let result: RpcResult<T>;
    try {
      result = await call(replicaStub(env, group, target), {
        id: target,
        bootstrap: bootstrapFor(group),
      });
    } catch (error) {
      // The replica was reset or overloaded. A write may have reached it: say so.
      if (options.write)
        throw outcomeUnknown(`replica ${target} failed mid-call: ${describe(error)}`);
      last = `replica ${target}: ${describe(error)}`;
      target = nextVoter(group, target);
      continue;
    }
    if (result.ok) {
      leaderHints.set(group, target);
      return result.value;
    }
    const { problem } = result;
    const hint = problem.leaderHint;
    if (hint) {
      voterHints.set(group, hint.voters);
      if (hint.leader > 0 && hint.leader !== target) {
        target = hint.leader;
        continue;
      }
      last = "no leader elected yet";
    } else if (problem.kind === "unavailable" && problem.extensions?.outcome !== "unknown") {
      last = problem.detail;
    } else {
      throw groupProblem(group, problem);
    }
    await sleep(NO_LEADER_BACKOFF_MS);
  }
  leaderHints.delete(group);
  throw new ProblemError("unavailable", `group "${group}" cannot serve now: ${last}`, {
    headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
  });
}

/** Runs `call` against one named replica (serializable reads, status of a member). */
export async function callReplica<T>(
  env: Env,
  group: string,
  id: number,
  call: ReplicaCall<T>,
): Promise<T> {
  const result = await call(replicaStub(env, group, id), { id, bootstrap: bootstrapFor(group) });
  if (result.ok) return result.value;
  throw groupProblem(group, result.problem);
}

/** A replica's problem as the API answers it; a missing group says how to create one. */
function groupProblem(group: string, problem: RpcProblem): ProblemError {
  if (problem.kind === "not-found") {
    return new ProblemError("not-found", `no group "${group}"; create it with POST /v1/groups`);
  }
  return problemFromRpc(problem);
}

/** The voter after `current` in the group's last known membership (1..3 until one is known). */
function nextVoter(group: string, current: number): number {
  const voters = voterHints.get(group) ?? [1, 2, 3];
  const at = voters.indexOf(current);
  return voters[(at + 1) % voters.length] ?? 1;
}

/** A 503 that tells the client its write may or may not have been applied. */
function outcomeUnknown(detail: string): ProblemError {
  return new ProblemError(
    "unavailable",
    `the outcome is unknown: the write may or may not have been applied (${detail})`,
    {
      headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
      extensions: { outcome: "unknown" },
    },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
