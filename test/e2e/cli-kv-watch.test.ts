/**
 * `edgeos kv watch` as a user runs it, against `wrangler dev` behind a TCP proxy that
 * the test takes down and brings back: the watch says it is watching before any event,
 * shows one key only, resumes after the outage without losing or repeating a change,
 * gives up with one line and exit 1 when the server stays away, and Ctrl-C ends it with 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { bin, edgeos } from "./edgeos-cli";
import { startTcpProxy } from "./tcp-proxy";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };

/** A running `edgeos kv watch`, with its output so far. */
interface Watcher {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWatch(args: string[], url: string): Watcher {
  const child = spawn("node", [bin, "kv", "watch", ...args], {
    env: { ...process.env, ...env, EDGEOS_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let [stdout, stderr] = ["", ""];
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits until `check` holds, polling; fails with `what` and the watcher's output. */
async function until(what: string, watcher: Watcher, check: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(
        `${what} did not happen:\n${watcher.stdout()}\n--- stderr ---\n${watcher.stderr()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const put = async (key: string, value: string) =>
  expect((await edgeos(["kv", "put", key, value], env)).code).toBe(0);

describe("edgeos kv watch against wrangler dev", () => {
  it("watches one key, survives an outage without gaps or repeats, then gives up with one line", async () => {
    const proxy = await startTcpProxy(env.EDGEOS_URL);
    const watcher = startWatch(["watch/k"], proxy.url);
    try {
      await until("the watching line", watcher, () =>
        watcher.stderr().includes("watching key watch/k"),
      );
      expect(watcher.stdout()).toBe("");
      await put("watch/k", "1");
      await put("watch/k-other", "not mine");
      await until("the first change", watcher, () => watcher.stdout().includes("= 1"));

      await proxy.down();
      await put("watch/k", "2 while the stream was down");
      await until("a reconnect attempt", watcher, () =>
        watcher.stderr().includes("reconnecting in"),
      );
      await proxy.up();
      await until("the resumed stream", watcher, () =>
        watcher.stderr().includes("reconnected; watching key watch/k"),
      );
      await put("watch/k", "3");
      await until("the change after the outage", watcher, () => watcher.stdout().includes("= 3"));
      const lines = watcher.stdout().trim().split("\n");
      expect(lines.map((line) => line.replace(/^\d+ /, ""))).toEqual([
        "put watch/k = 1",
        "put watch/k = 2 while the stream was down",
        "put watch/k = 3",
      ]);
      const revisions = lines.map((line) => Number(line.split(" ")[0]));
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));

      await proxy.down();
      expect(await watcher.exited).toBe(1);
      const stderr = watcher.stderr().trim().split("\n");
      expect(stderr.at(-1)).toMatch(
        /^edgeos: gave up watching after 5 failed reconnects \(last revision seen: \d+\): cannot reach edgeos at /,
      );
      expect(watcher.stderr()).not.toMatch(/unexpected failure|terminated\n|at .*\.ts:\d+/);
    } finally {
      watcher.child.kill("SIGKILL");
      await proxy.down();
    }
  });

  it("watches a prefix with --prefix, and Ctrl-C ends it quietly with exit 0", async () => {
    const watcher = startWatch(["watch/p/", "--prefix"], env.EDGEOS_URL);
    try {
      await until("the watching line", watcher, () =>
        watcher.stderr().includes("watching keys under watch/p/"),
      );
      await put("watch/p/a", "1");
      await put("watch/p/b", "2");
      await until("both changes", watcher, () => watcher.stdout().includes("watch/p/b = 2"));
      watcher.child.kill("SIGINT");
      expect(await watcher.exited).toBe(0);
      expect(
        watcher
          .stdout()
          .trim()
          .split("\n")
          .map((line) => line.replace(/^\d+ /, "")),
      ).toEqual(["put watch/p/a = 1", "put watch/p/b = 2"]);
      expect(watcher.stderr().trim().split("\n")).toHaveLength(1);
    } finally {
      watcher.child.kill("SIGKILL");
    }
  });
});
