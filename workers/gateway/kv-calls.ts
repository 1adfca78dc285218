/**
 * The KV as the routes see it: validate a command before anything is proposed, send it
 * to the group, and turn the state machine's own errors into problems.
 */
import { type KvCommand, type KvError, type KvResult, validateCommand } from "../../shared/kv";
import { callLeader } from "./group-calls";
import { ProblemError } from "./problem";

/** Where a command's fields came from in the request, for naming offending fields. */
export type FieldRoot = (field: string) => string;

/** Fields of body commands: `success[2].put.value` → `body.success.2.put.value`. */
export const bodyField: FieldRoot = (field) => `body.${field.replace(/\[(\d+)\]/g, ".$1")}`;

/** Rejects an invalid command with 400, an oversized one with 413; changes nothing. */
export function checkCommand(command: KvCommand, fieldOf: FieldRoot): void {
  const error = validateCommand(command);
  if (error) throw kvProblem(error, fieldOf);
}

/** Proposes a write through the log and returns its result once applied. */
export async function writeCommand(
  env: Env,
  group: string,
  command: KvCommand,
  fieldOf: FieldRoot,
): Promise<KvResult> {
  checkCommand(command, fieldOf);
  const result = await callLeader(env, group, (stub, address) => stub.propose(address, command), {
    write: true,
  });
  if (result.kind === "error") throw kvProblem(result, fieldOf);
  return result;
}

/** A read of the applied state: linearizable through ReadIndex on the leader, or serializable. */
export async function readCommand(
  env: Env,
  group: string,
  command: Extract<KvCommand, { type: "get" | "range" }>,
  consistency: "linearizable" | "serializable",
  fieldOf: FieldRoot,
): Promise<KvResult> {
  checkCommand(command, fieldOf);
  const result = await callLeader(
    env,
    group,
    (stub, address) => stub.read(address, command, consistency),
    {
      write: false,
    },
  );
  if (result.kind === "error") throw kvProblem(result, fieldOf);
  return result;
}

/** The problem for a KV error. */
export function kvProblem(error: KvError, fieldOf: FieldRoot): ProblemError {
  const field = error.field === undefined ? undefined : fieldOf(error.field);
  const options = field === undefined ? {} : { field };
  switch (error.code) {
    case "too_large":
      return new ProblemError("payload-too-large", error.message, options);
    case "lease_not_found":
      return new ProblemError("not-found", error.message, options);
    default:
      return new ProblemError("validation-failed", error.message, options);
  }
}
