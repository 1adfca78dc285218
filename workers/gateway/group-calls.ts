/**
 * How the gateway reaches a consensus group: it calls the replica it believes leads
 * (a per-isolate hint, replica 1 at first), follows `not_leader` redirects, waits out
 * elections, and turns what cannot be answered into problems — 404 for a group that does
 * not exist, 503 with Retry-After when there is no leader, and 503 saying the outcome is
 * unknown when a write may or may not have happened.
 */

import type { RaftReplica } from "../../durable-objects/raft/raft-replica";
import type { CallOutcome, ReplicaAddress } from "../../durable-objects/raft/replica-contract";
import { DEFAULT_GROUP, type GroupConfig, replicaName } from "../../shared/consensus/group-config";
import { ProblemError } from "./problem";

/** How long one call may spend on redirects and waiting out elections before giving up. */
export const GROUP_CALL_BUDGET_MS = 6000;
/** Pause between attempts while no leader is known (an election takes about a second). */
export const NO_LEADER_BACKOFF_MS = 150;
/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1;

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

/** Runs `call` against the group's leader and returns its value, or throws a problem. */
export async function callLeader<T>(
  env: Env,
  group: string,
  call: (stub: DurableObjectStub<RaftReplica>, address: ReplicaAddress) => Promise<CallOutcome<T>>,
  options: { write: boolean },
): Promise<T> {
  let target = leaderHints.get(group) ?? 1;
  let last = "no replica answered";
  const deadline = Date.now() + GROUP_CALL_BUDGET_MS;
  while (Date.now() < deadline) {
    let outcome: CallOutcome<T>;
    try {
      outcome = await call(replicaStub(env, group, target), {
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
    if (outcome.ok) {
      leaderHints.set(group, target);
      return outcome.value;
    }
    switch (outcome.reason) {
      case "no_group":
        throw new ProblemError("not-found", `no group "${group}"; create it with POST /v1/groups`);
      case "unknown":
        throw outcomeUnknown(outcome.detail);
      case "invalid":
        throw new ProblemError("conflict", outcome.detail);
      case "unavailable":
        last = outcome.detail;
        await sleep(NO_LEADER_BACKOFF_MS);
        break;
      case "not_leader":
        voterHints.set(group, outcome.voters);
        if (outcome.leader > 0 && outcome.leader !== target) {
          target = outcome.leader;
        } else {
          last = "no leader elected yet";
          await sleep(NO_LEADER_BACKOFF_MS);
        }
        break;
    }
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
  call: (stub: DurableObjectStub<RaftReplica>, address: ReplicaAddress) => Promise<CallOutcome<T>>,
): Promise<T> {
  const outcome = await call(replicaStub(env, group, id), { id, bootstrap: bootstrapFor(group) });
  if (outcome.ok) return outcome.value;
  if (outcome.reason === "no_group") throw new ProblemError("not-found", `no group "${group}"`);
  if (outcome.reason === "invalid") throw new ProblemError("conflict", outcome.detail);
  throw new ProblemError(
    "unavailable",
    outcome.reason === "not_leader" ? "not the leader" : outcome.detail,
    {
      headers: { "retry-after": String(RETRY_AFTER_SECONDS) },
    },
  );
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
