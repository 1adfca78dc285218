/**
 * The file-system namespace as the routes see it: an operation on a volume is checked
 * (400/413 before anything is proposed), sent to the group that holds the volume — a
 * write through its log, a read through ReadIndex on its leader — and the namespace's own
 * problems (404, 409, 412, 503 "retry") are raised as the API's errors.
 */
import type { FsCommand, FsOp, FsOpKind, FsSuccess, FsSuccessOf } from "../../shared/fs/types";
import { validateFsCommand } from "../../shared/fs/validate";
import { callLeader } from "../gateway/group-calls";
import { ProblemError } from "../gateway/problem";
import { problemFromRpc } from "../gateway/rpc-unwrap";

/** Maps a command field (`op.path`, `op.chunks[3].hash`) onto the request it came from. */
export type FsFieldOf = (field: string) => string | undefined;

/** Runs `op` on `volume` in `group`; `write` goes through the log, a read does not. */
export async function fsCall<K extends FsOpKind>(
  env: Env,
  group: string,
  volume: string,
  op: Extract<FsOp, { kind: K }>,
  options: { write: boolean; fieldOf?: FsFieldOf },
): Promise<FsSuccessOf<K>> {
  const command: FsCommand = { type: "fs", volume, now: Date.now(), op };
  const invalid = validateFsCommand(command);
  if (invalid) throw fsProblem(invalid.problem, options.fieldOf);
  const result = await callLeader(
    env,
    group,
    (stub, address) =>
      options.write ? stub.fsPropose(address, command) : stub.fsRead(address, command),
    { write: options.write },
  );
  if (!result.ok) throw fsProblem(result.problem, options.fieldOf);
  const kind: K = op.kind;
  if (!isAnswerTo(result, kind)) {
    throw new ProblemError("internal", `an FS ${op.kind} answered ${result.op}`);
  }
  return result;
}

/** Whether `result` answers an op of kind `kind` (a commit and a completion answer alike). */
function isAnswerTo<K extends FsOpKind>(result: FsSuccess, kind: K): result is FsSuccessOf<K> {
  const family = (k: string) => (k === "completeUpload" ? "commit" : k);
  return family(result.op) === family(kind);
}

function fsProblem(
  problem: Parameters<typeof problemFromRpc>[0],
  fieldOf: FsFieldOf | undefined,
): ProblemError {
  const field = problem.field === undefined ? undefined : fieldOf?.(problem.field);
  const { field: _dropped, ...rest } = problem;
  return problemFromRpc(field === undefined ? rest : { ...rest, field });
}
