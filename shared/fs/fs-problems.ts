/**
 * The namespace's recurring problems, worded once: a path through a file, a file where a
 * directory is needed, an operation on the root that it does not allow.
 */
import { type RpcFailure, rpcFail } from "../rpc-result";
import { formatPath } from "./paths";

/** A path runs through the file at `segments[0..fileAt]`. */
export function underFile(segments: readonly string[], fileAt: number, field: string): RpcFailure {
  const file = formatPath(segments.slice(0, fileAt + 1));
  return rpcFail("conflict", `${file} is a file, not a directory`, { field });
}

/** The path names a file where a directory is needed. */
export function notDir(segments: readonly string[], field: string): RpcFailure {
  return rpcFail("conflict", `${formatPath(segments)} is a file, not a directory`, { field });
}

/** The root may not be the subject of this operation. */
export function rootRefused(what: string, field: string): RpcFailure {
  return rpcFail("validation-failed", `the root directory cannot be ${what}`, { field });
}
