/**
 * The gateway's side of the RPC result convention (`shared/rpc-result.ts`): a DO's answer
 * becomes its value, or the problem it names is raised as the API's error.
 */
import type { RpcProblem, RpcResult } from "../../shared/rpc-result";
import { ProblemError } from "./problem";

/** The problem a DO answered, as an API error. */
export function problemFromRpc(problem: RpcProblem): ProblemError {
  const { kind, detail, field, retryAfterSeconds, extensions } = problem;
  return new ProblemError(kind, detail, {
    ...(field === undefined ? {} : { field }),
    ...(retryAfterSeconds === undefined
      ? {}
      : { headers: { "retry-after": String(retryAfterSeconds) } }),
    ...(extensions === undefined ? {} : { extensions }),
  });
}

/** The value of a DO's answer; its problem is thrown as the API's error. */
export function unwrap<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  throw problemFromRpc(result.problem);
}
