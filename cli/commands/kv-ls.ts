/**
 * `edgeos kv ls`: one page of keys, every page (`--all`, following the server's
 * cursors), one tree level (`--tree`: keys and common prefixes under PREFIX, split at
 * `/`), an interval (`--start`, `--end`), keys without values or only their count.
 */
import { compareUtf8 } from "../../shared/kv/text";
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { CommandContext } from "../command";
import { integerFlag, parseFlags } from "./args";
import { kvPath } from "./kv-path";

/** Page size `--all` asks for when no `--limit` is given: the server's largest. */
export const LS_ALL_PAGE = 1000;

/** The usage line of `kv ls`. */
export const LS_USAGE =
  "kv ls [PREFIX] [--group G] [--tree] [--limit N] [--cursor C] [--all] [--start K] [--end K] [--keys-only] [--count]";

interface Listing {
  items: { key: string; value?: string }[];
  prefixes?: string[];
  count?: number;
  revision: number;
  more: boolean;
  cursor?: string;
}

/** Runs `kv ls` with its arguments. */
export async function listKeys(context: CommandContext, args: string[]): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, {
    group: { type: "string" },
    limit: { type: "string" },
    cursor: { type: "string" },
    start: { type: "string" },
    end: { type: "string" },
    tree: { type: "boolean" },
    all: { type: "boolean" },
    "keys-only": { type: "boolean" },
    count: { type: "boolean" },
  });
  if (rest.length > 1) throw new CliError(`usage: edgeos ${LS_USAGE}`, USAGE_EXIT_CODE);
  if (values.count && (values.all || values.limit || values.cursor || values["keys-only"])) {
    throw new CliError(
      "--count takes no --all, --limit, --cursor or --keys-only: it counts every match",
      USAGE_EXIT_CODE,
    );
  }
  const query = new URLSearchParams({ prefix: rest[0] ?? "" });
  if (values.tree) query.set("separator", "/");
  if (values.start !== undefined) query.set("start", values.start);
  if (values.end !== undefined) query.set("end", values.end);
  if (values["keys-only"]) query.set("keysOnly", "true");
  if (values.count) query.set("countOnly", "true");
  const limit = values.limit ? integerFlag(values.limit, "--limit") : undefined;
  if (limit !== undefined || values.all) query.set("limit", String(limit ?? LS_ALL_PAGE));
  const base = `${kvPath(values.group ?? "default")}?`;
  let cursor = values.cursor;
  const pages: Listing[] = [];
  for (;;) {
    if (cursor !== undefined) query.set("cursor", cursor);
    const page = await context.client.get<Listing>(`${base}${query}`);
    pages.push(page);
    if (!values.all || !page.more || page.cursor === undefined) break;
    cursor = page.cursor;
  }
  print(context, pages, values.count === true);
  return 0;
}

function print(context: CommandContext, pages: Listing[], count: boolean): void {
  const last = pages[pages.length - 1] as Listing;
  if (count) {
    context.output.out(context.options.json ? JSON.stringify(last) : String(last.count ?? 0));
    return;
  }
  if (context.options.json) {
    const joined: Listing = {
      ...last,
      items: pages.flatMap((page) => page.items),
      ...(last.prefixes && { prefixes: pages.flatMap((page) => page.prefixes ?? []) }),
    };
    context.output.out(JSON.stringify(joined));
    return;
  }
  for (const page of pages) {
    const lines = [
      ...page.items.map((item) => ({
        key: item.key,
        line: item.value === undefined ? item.key : `${item.key} = ${item.value}`,
      })),
      ...(page.prefixes ?? []).map((prefix) => ({ key: prefix, line: prefix })),
    ].sort((a, b) => compareUtf8(a.key, b.key));
    for (const { line } of lines) context.output.out(line);
  }
  if (last.more && last.cursor !== undefined) {
    context.output.err(
      `… more keys: continue with --cursor ${JSON.stringify(last.cursor)}, or list them all with --all`,
    );
  }
}
