/**
 * How RAFT_REPLICA turns the host's call outcomes into RPC answers: a host call as a
 * promise, and the group app's result narrowed to the part (KV or FS) that was asked.
 */
import { type CallOutcome, outcomeToRpc } from "../../shared/consensus/call-outcome";
import type { FsResult } from "../../shared/fs/types";
import { type GroupResult, isFsResult } from "../../shared/group/group-app";
import type { KvResult } from "../../shared/kv";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";

/** A host call as a promise of its outcome. */
export function settle<T = GroupResult>(
  call: (done: (outcome: CallOutcome<T>) => void) => void,
): Promise<CallOutcome<T>> {
  return new Promise((resolve) => call(resolve));
}

/** The answer to a KV command (the group app answers a KV command with a KV result). */
export function kvAnswer(outcome: CallOutcome<GroupResult>): RpcResult<KvResult> {
  if (!outcome.ok) return outcomeToRpc(outcome);
  const result = outcome.value;
  return isFsResult(result) ? rpcFail("internal", "a KV command got an FS result") : rpcOk(result);
}

/** The answer to an FS command: its success, or the problem the namespace answered. */
export function fsAnswer(outcome: CallOutcome<GroupResult>): RpcResult<FsResult> {
  if (!outcome.ok) return outcomeToRpc(outcome);
  const result = outcome.value;
  return isFsResult(result) ? rpcOk(result) : rpcFail("internal", "an FS command got a KV result");
}
