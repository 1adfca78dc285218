/**
 * `edgeos kv put|get|rm|ls|txn|watch` against a consensus group (`--group`, default
 * `default`). Keys travel with their slashes as written (`config/app/db`) and everything
 * else percent-encoded, so any key works. `del` is `rm`.
 */
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { Command, CommandContext } from "../command";
import { integerFlag, parseFlags, pickSubcommand, positionals } from "./args";
import { KV_HELP } from "./kv-help";
import { LS_USAGE, listKeys } from "./kv-ls";
import { kvKeyPath, kvPath } from "./kv-path";
import { runTxn, TXN_USAGE } from "./kv-txn";
import { runWatch, WATCH_USAGE } from "./kv-watch";

interface Item {
  key: string;
  value: string;
  revision?: number;
  modRevision: number;
  version: number;
}

const USAGE = [
  "kv put KEY VALUE [--group G] [--lease ID]",
  "kv get KEY [--group G] [--serializable]",
  "kv rm KEY | --prefix P | --all [--group G]   (del is rm)",
  LS_USAGE,
  TXN_USAGE,
  WATCH_USAGE,
];

const keyPath = kvKeyPath;

type Handler = (context: CommandContext, args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, Handler> = {
  async put(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      group: { type: "string" },
      lease: { type: "string" },
    });
    const [key, value] = positionals(rest, 2, USAGE[0] as string) as [string, string];
    const body = { value, ...(values.lease && { lease: integerFlag(values.lease, "--lease") }) };
    const item = await context.client.request<Item>(
      "PUT",
      keyPath(values.group ?? "default", key),
      body,
    );
    print(
      context,
      item,
      `${item.key} = ${item.value}  (revision ${item.revision}, version ${item.version})`,
    );
    return 0;
  },
  async get(context, args) {
    const { values, positionals: rest } = parseFlags(args, {
      group: { type: "string" },
      serializable: { type: "boolean" },
    });
    const [key] = positionals(rest, 1, USAGE[1] as string) as [string];
    const query = values.serializable ? "?consistency=serializable" : "";
    const item = await context.client.get<Item>(
      `${keyPath(values.group ?? "default", key)}${query}`,
    );
    print(context, item, item.value);
    return 0;
  },
  rm: remove,
  del: remove,
  ls: listKeys,
  txn: (context, args) => runTxn(context, args),
  watch: (context, args) => runWatch(context, args),
};

export const kvCommand: Command = {
  name: "kv",
  summary: "read and write a consensus group's keys",
  usage: "edgeos kv put|get|rm|ls|txn|watch …",
  help: KV_HELP,
  run(context, args) {
    const [handler, rest] = pickSubcommand(SUBCOMMANDS, args, USAGE);
    return handler(context, rest);
  },
};

/** `kv rm KEY`, `kv rm --prefix P` or `kv rm --all`: prints how many keys went. */
async function remove(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, {
    group: { type: "string" },
    prefix: { type: "string" },
    all: { type: "boolean" },
  });
  const group = values.group ?? "default";
  const forms = [rest.length > 0, values.prefix !== undefined, values.all === true];
  if (forms.filter(Boolean).length !== 1 || rest.length > 1) {
    throw new CliError(`usage: edgeos ${USAGE[2]}`, USAGE_EXIT_CODE);
  }
  if (values.prefix === "") {
    throw new CliError(
      "an empty --prefix would delete every key; say --all if that is meant",
      USAGE_EXIT_CODE,
    );
  }
  const target =
    values.prefix !== undefined
      ? `${kvPath(group)}?${new URLSearchParams({ prefix: values.prefix })}`
      : values.all
        ? `${kvPath(group)}?all=true`
        : keyPath(group, positionals(rest, 1, USAGE[2] as string)[0] as string);
  const result = await context.client.request<{ deleted: number; revision: number }>(
    "DELETE",
    target,
  );
  const keys = result.deleted === 1 ? "key" : "keys";
  print(context, result, `deleted ${result.deleted} ${keys} (revision ${result.revision})`);
  return 0;
}

function print(context: CommandContext, value: unknown, human: string): void {
  context.output.out(context.options.json ? JSON.stringify(value) : human);
}
