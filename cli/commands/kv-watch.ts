/**
 * `edgeos kv watch KEY [--prefix]`: prints every change of one key (or, with `--prefix`,
 * of every key starting with KEY) as it happens, like `etcdctl watch`. It says on stderr
 * when it is watching, reconnects after a dropped stream from the last revision it saw
 * (`resumable-watch.ts`), gives up with one line and exit 1 when the server stays away,
 * and ends with exit 0 on Ctrl-C.
 *
 * The watch API filters by prefix only; a one-key watch asks for the key as the prefix
 * (the narrowest the server offers) and drops the other keys' events here.
 */
import { CliError, USAGE_EXIT_CODE } from "../cli-error";
import type { CommandContext } from "../command";
import { resumableWatch, type WatchChange } from "../resumable-watch";
import { integerFlag, parseFlags } from "./args";
import { kvPath } from "./kv-path";

/** The usage line of `kv watch`. */
export const WATCH_USAGE = "kv watch KEY [--prefix] [--group G] [--from REV]";

/**
 * A stream silent this long counts as broken: the server sends a keep-alive at least
 * every `WATCH_POLL_MS` (10 s, workers/gateway/routes/watch.ts).
 */
const IDLE_MS = 30_000;

/** What a process offers the watch: Ctrl-C. Tests pass their own. */
export interface Interrupts {
  once(signal: "SIGINT", listener: () => void): unknown;
  off(signal: "SIGINT", listener: () => void): unknown;
}

/** Runs `kv watch`. */
export async function runWatch(
  context: CommandContext,
  args: string[],
  interrupts: Interrupts = process,
): Promise<number> {
  const { values, positionals: rest } = parseFlags(args, {
    group: { type: "string" },
    from: { type: "string" },
    prefix: { type: "boolean" },
  });
  const prefixMode = values.prefix === true;
  if (rest.length > 1 || (!prefixMode && (rest.length === 0 || rest[0] === ""))) {
    throw new CliError(
      `usage: edgeos ${WATCH_USAGE}   (--prefix without KEY watches every key)`,
      USAGE_EXIT_CODE,
    );
  }
  const key = rest[0] ?? "";
  const group = values.group ?? "default";
  const from =
    values.from !== undefined
      ? integerFlag(values.from, "--from")
      : (await currentRevision(context, group, key)) + 1;

  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  interrupts.once("SIGINT", onInterrupt);
  const what = prefixMode ? (key ? `keys under ${key}` : "every key") : `key ${key}`;
  try {
    await resumableWatch(
      from,
      {
        open: (fromRevision, opened) => changes(context, group, key, fromRevision, opened, stop),
        sleep: (ms) => sleep(ms, stop.signal),
        stopped: () => stop.signal.aborted,
      },
      (change) => {
        if (prefixMode || change.key === key) print(context, change);
      },
      {
        watching: (revision, resumed) =>
          context.output.err(
            resumed
              ? `reconnected; watching ${what} from revision ${revision}`
              : `watching ${what} in group ${group} from revision ${revision} (Ctrl-C to stop)`,
          ),
        retrying: (reason, attempt, attempts, delayMs) =>
          context.output.err(
            `${reason}; reconnecting in ${delayMs / 1000} s (attempt ${attempt} of ${attempts})`,
          ),
      },
    );
  } finally {
    interrupts.off("SIGINT", onInterrupt);
  }
  return 0;
}

/** The group's revision now (a linearizable read), so a watch without --from has no gap. */
async function currentRevision(
  context: CommandContext,
  group: string,
  key: string,
): Promise<number> {
  const query = new URLSearchParams({ prefix: key, countOnly: "true" });
  const answer = await context.client.get<{ revision: number }>(`${kvPath(group)}?${query}`);
  return answer.revision;
}

async function* changes(
  context: CommandContext,
  group: string,
  prefix: string,
  fromRevision: number,
  onOpen: () => void,
  stop: AbortController,
): AsyncGenerator<WatchChange> {
  const query = new URLSearchParams({ prefix, fromRevision: String(fromRevision) });
  const path = `/v1/groups/${encodeURIComponent(group)}/watch?${query}`;
  for await (const event of context.client.events(path, {
    signal: stop.signal,
    onOpen,
    idleMs: IDLE_MS,
  })) {
    yield JSON.parse(event.data) as WatchChange;
  }
}

function print(context: CommandContext, change: WatchChange): void {
  if (context.options.json) context.output.out(JSON.stringify(change));
  else {
    const value = change.value === undefined ? "" : ` = ${change.value}`;
    context.output.out(`${change.revision} ${change.type} ${change.key}${value}`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
