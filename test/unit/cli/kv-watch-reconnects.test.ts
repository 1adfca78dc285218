import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { CliError, ConnectionLost } from "../../../cli/cli-error";
import type { ApiClient, EventStreamOptions, ServerSentEvent } from "../../../cli/client";
import { runWatch } from "../../../cli/commands/kv-watch";
import {
  RECONNECT_DELAYS_MS,
  resumableWatch,
  type WatchChange,
} from "../../../cli/resumable-watch";

const put = (revision: number, key: string): WatchChange => ({
  type: "put",
  key,
  value: key,
  revision,
});

/** One scripted stream: the changes it sends, then how it ends (an error or a clean close). */
interface Script {
  opens?: boolean;
  changes?: WatchChange[];
  end?: Error;
}

/** A fake server that plays `scripts` in order, one per opened stream, and records the opens. */
function fakeStreams(scripts: Script[]) {
  const opens: number[] = [];
  const sleeps: number[] = [];
  const delivered: WatchChange[] = [];
  const notices: string[] = [];
  const ports = {
    open(fromRevision: number, opened: () => void): AsyncIterable<WatchChange> {
      opens.push(fromRevision);
      const script = scripts.shift() ?? { opens: false, end: new ConnectionLost("refused") };
      return (async function* () {
        if (script.opens === false) throw script.end;
        opened();
        // The server replays from fromRevision: whatever the script holds at or after it.
        for (const change of script.changes ?? [])
          if (change.revision >= fromRevision) yield change;
        if (script.end) throw script.end;
      })();
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    stopped: () => false,
  };
  const watchNotices = {
    watching: (revision: number, resumed: boolean) =>
      notices.push(`${resumed ? "resumed" : "watching"} ${revision}`),
    retrying: (reason: string, attempt: number) => notices.push(`retry ${attempt}: ${reason}`),
  };
  return { ports, opens, sleeps, delivered, notices, watchNotices };
}

describe("a watch that loses its stream", () => {
  it("resumes at the last revision seen, skipping that revision's events it already delivered", async () => {
    // Revision 6 is one txn of three events; the first stream breaks after two of them.
    const history = [put(5, "a"), put(6, "b"), put(6, "c"), put(6, "d"), put(7, "e")];
    const fake = fakeStreams([
      { changes: history.slice(0, 3), end: new ConnectionLost("terminated") },
      { changes: history },
    ]);
    const outcome = await resumableWatch(
      5,
      fake.ports,
      (c) => fake.delivered.push(c),
      fake.watchNotices,
    ).catch((error: unknown) => error);
    expect(fake.delivered).toEqual(history);
    expect(fake.opens).toEqual([5, 6, 7, 7, 7, 7, 7]);
    expect(fake.sleeps).toEqual([250, 250, 500, 1000, 2000, 4000]);
    expect(fake.notices.slice(0, 4)).toEqual([
      "watching 5",
      "retry 1: terminated",
      "resumed 6",
      "retry 1: the server closed the stream",
    ]);
    expect(outcome).toBeInstanceOf(CliError);
    expect((outcome as CliError).message).toBe(
      `gave up watching after ${RECONNECT_DELAYS_MS.length} failed reconnects (last revision seen: 7): refused`,
    );
  });

  it("counts failed reconnects in a row only: an opened stream starts the count again", async () => {
    const lost = () => ({ opens: false, end: new ConnectionLost("refused") });
    const fake = fakeStreams([{}, lost(), lost(), lost(), lost(), { changes: [put(3, "k")] }]);
    await resumableWatch(1, fake.ports, (c) => fake.delivered.push(c), fake.watchNotices).catch(
      () => {},
    );
    expect(fake.delivered).toEqual([put(3, "k")]);
    expect(fake.sleeps).toEqual([250, 500, 1000, 2000, 4000, 250, 500, 1000, 2000, 4000]);
  });

  it("ends at once, without retrying, when the server refuses the watch", async () => {
    const compacted = new CliError(
      "400 Bad Request: revision 2 was compacted [query.fromRevision]",
    );
    const fake = fakeStreams([{ opens: false, end: compacted }]);
    await expect(resumableWatch(2, fake.ports, () => {}, fake.watchNotices)).rejects.toBe(
      compacted,
    );
    expect(fake.sleeps).toEqual([]);
  });
});

/** `edgeos kv watch args` against a fake client whose stream sends `events` and then waits. */
async function watch(
  args: string[],
  events: WatchChange[],
  interrupt: "after-events" | "never" = "after-events",
) {
  const out: string[] = [];
  const err: string[] = [];
  const paths: string[] = [];
  const interrupts = new EventEmitter();
  const client = {
    get: async (path: string) => {
      paths.push(path);
      return { count: 0, revision: 41 };
    },
    async *events(path: string, options: EventStreamOptions): AsyncGenerator<ServerSentEvent> {
      paths.push(path);
      options.onOpen?.();
      for (const event of events) yield { event: event.type, data: JSON.stringify(event) };
      if (interrupt === "after-events") interrupts.emit("SIGINT");
      if (!options.signal?.aborted)
        await new Promise((resolve) => options.signal?.addEventListener("abort", resolve));
    },
  } as unknown as ApiClient;
  const context = {
    options: { url: "http://x", token: undefined, json: false },
    client,
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
  const code = await runWatch(context, args, interrupts).catch((error: Error) => error);
  return { code, out, err, paths, listeners: interrupts.listenerCount("SIGINT") };
}

describe("edgeos kv watch", () => {
  const events = [
    put(42, "hello"),
    put(43, "hello-world"),
    { type: "delete", key: "hello", revision: 44 },
  ];

  it("watches exactly one key from the revision after now, says so, and exits 0 on Ctrl-C", async () => {
    const run = await watch(["hello"], events);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual([
      "/v1/groups/default/kv?prefix=hello&countOnly=true",
      "/v1/groups/default/watch?prefix=hello&fromRevision=42",
    ]);
    expect(run.err).toEqual([
      "watching key hello in group default from revision 42 (Ctrl-C to stop)",
    ]);
    expect(run.out).toEqual(["42 put hello = hello", "44 delete hello"]);
    expect(run.listeners).toBe(0);
  });

  it("watches every key under KEY with --prefix, from --from when given", async () => {
    const run = await watch(["hello", "--prefix", "--from", "7", "--group", "g"], events);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual(["/v1/groups/g/watch?prefix=hello&fromRevision=7"]);
    expect(run.err[0]).toBe(
      "watching keys under hello in group g from revision 7 (Ctrl-C to stop)",
    );
    expect(run.out).toEqual([
      "42 put hello = hello",
      "43 put hello-world = hello-world",
      "44 delete hello",
    ]);
    const all = await watch(["--prefix"], []);
    expect(all.err[0]).toMatch(/^watching every key in group default/);
  });

  it("needs a KEY unless --prefix is given", async () => {
    const run = await watch([], [], "never");
    expect(run.code).toBeInstanceOf(CliError);
    expect((run.code as CliError).exitCode).toBe(2);
    expect((run.code as CliError).message).toMatch(/^usage: edgeos kv watch KEY \[--prefix\]/);
  });
});
