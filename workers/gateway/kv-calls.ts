/**
 * The KV as the routes see it: validate a command before anything is proposed, send it
 * to the group, and turn the state machine's own errors into problems.
 */
import {
  isResultOf,
  type KvCommand,
  type KvError,
  type KvResult,
  type KvResultOf,
  validateCommand,
} from "../../shared/kv";
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
export async function writeCommand<C extends KvCommand>(
  env: Env,
  group: string,
  command: C,
  fieldOf: FieldRoot,
): Promise<KvResultOf<C["type"]>> {
  checkCommand(command, fieldOf);
  const result = await callLeader(env, group, (stub, address) => stub.propose(address, command), {
    write: true,
  });
  return expectResult<C["type"]>(result, command.type, fieldOf);
}

/** A read of the applied state: linearizable through ReadIndex on the leader, or serializable. */
export async function readCommand<C extends Extract<KvCommand, { type: "get" | "range" }>>(
  env: Env,
  group: string,
  command: C,
  consistency: "linearizable" | "serializable",
  fieldOf: FieldRoot,
): Promise<KvResultOf<C["type"]>> {
  checkCommand(command, fieldOf);
  const result = await callLeader(
    env,
    group,
    (stub, address) => stub.read(address, command, consistency),
    {
      write: false,
    },
  );
  return expectResult<C["type"]>(result, command.type, fieldOf);
}

/**
 * The state machine's answer as the result of a command of type `type`: its own error
 * becomes a problem, and an answer of another kind (which the state machine never gives)
 * an internal error.
 */
function expectResult<T extends KvCommand["type"]>(
  result: KvResult,
  type: T,
  fieldOf: FieldRoot,
): KvResultOf<T> {
  if (result.kind === "error") throw kvProblem(result, fieldOf);
  if (!isResultOf(result, type)) {
    throw new ProblemError("internal", `a ${type} command answered ${result.kind}`);
  }
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
