/**
 * `edgeos kv txn FILE|-`: sends a txn body (`{compare, success, failure}`) read from a
 * file or, for `-`, from stdin, and prints its outcome: whether the compare held, the
 * revision, and one line per op that ran with what it put, got or deleted. Exit 1 when
 * the compare did not hold, so a compare-and-swap in a script can branch on it.
 */
import { readFile } from "node:fs/promises";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { CommandContext } from "../command";
import { parseFlags, positionals } from "./args";

/** The usage line of `kv txn`. */
export const TXN_USAGE = "kv txn FILE.json|- [--group G]   (a txn body: compare, success, failure)";

/** One op of a txn body, as the API takes it. */
type TxnOp =
  | { put: { key: string; value: string; lease?: number } }
  | { get: { key: string } }
  | { delete: { key: string; prefix?: boolean } };

interface KeyValue {
  key: string;
  value: string;
  modRevision: number;
  version: number;
}

/** One op's result, in op order (`TxnOpResult` of the API). */
type OpResult =
  | { kind: "get"; item: KeyValue | null }
  | { kind: "put"; item: KeyValue; prev?: KeyValue }
  | { kind: "delete"; deleted: number };

/** What `POST /v1/groups/{group}/txn` answers. */
export interface TxnAnswer {
  succeeded: boolean;
  revision: number;
  results: OpResult[];
}

/** Runs `kv txn`. */
export async function runTxn(
  context: CommandContext,
  args: string[],
  stdin: AsyncIterable<Uint8Array | string> = process.stdin,
): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, { group: { type: "string" } });
  const [source] = positionals(rest, 1, TXN_USAGE) as [string];
  const body = await readTxnBody(source, stdin);
  const group = encodeURIComponent(values.group ?? "default");
  const answer = await context.client.request<TxnAnswer>("POST", `/v1/groups/${group}/txn`, body);
  if (context.options.json) context.output.out(JSON.stringify(answer));
  else for (const line of describeTxn(body, answer)) context.output.out(line);
  return answer.succeeded ? 0 : 1;
}

/**
 * The txn body in `source`: a file's path, or `-` for all of `stdin`. Unreadable or
 * malformed input is a usage error naming where it came from; the server validates the
 * rest and names the field.
 */
export async function readTxnBody(
  source: string,
  stdin: AsyncIterable<Uint8Array | string>,
): Promise<unknown> {
  const from = source === "-" ? "stdin" : source;
  let text: string;
  try {
    text = source === "-" ? await readAll(stdin) : await readFile(source, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read a txn from ${from}: ${(error as Error).message}`,
      USAGE_EXIT_CODE,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `the txn from ${from} is not JSON: ${(error as Error).message}`,
      USAGE_EXIT_CODE,
    );
  }
}

/**
 * The human-readable outcome: a first line with the branch taken and the revision, then
 * one line per op that ran, naming its key (results come in the order of the branch's ops).
 */
export function describeTxn(body: unknown, answer: TxnAnswer): string[] {
  const branch = answer.succeeded ? "success" : "failure";
  const ops = opsOf(body, branch);
  const head = answer.succeeded
    ? `succeeded at revision ${answer.revision}`
    : `failed (the compare did not hold) at revision ${answer.revision}`;
  const ran = answer.results.length;
  const lines = [`${head}; ran ${ran} ${branch} op${ran === 1 ? "" : "s"}`];
  answer.results.forEach((result, index) => {
    lines.push(describeOp(result, ops[index]));
  });
  return lines;
}

function describeOp(result: OpResult, op: TxnOp | undefined): string {
  switch (result.kind) {
    case "put":
      return `put ${result.item.key} = ${result.item.value}  (version ${result.item.version})`;
    case "get": {
      if (result.item) return `get ${result.item.key} = ${result.item.value}`;
      const key = op && "get" in op ? op.get.key : "?";
      return `get ${key}: not found`;
    }
    case "delete": {
      const target = op && "delete" in op ? op.delete : undefined;
      const what = target ? `${target.prefix ? "prefix " : ""}${target.key}` : "?";
      return `delete ${what}: ${result.deleted} key${result.deleted === 1 ? "" : "s"} deleted`;
    }
  }
}

function opsOf(body: unknown, branch: "success" | "failure"): TxnOp[] {
  const ops = (body as Record<string, unknown> | null)?.[branch];
  return Array.isArray(ops) ? (ops as TxnOp[]) : [];
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream)
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
