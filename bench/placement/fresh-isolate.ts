/**
 * The first placement request of a fresh isolate, measured in workerd: the case the free
 * plan's 10 ms CPU limit is hardest on, since nothing has been compiled by the JIT yet.
 * The production bundle (`wrangler deploy --dry-run`) is loaded into a new Miniflare
 * instance — a new workerd process, so a new isolate — per trial, and its first request
 * is the placement. Two readings per request:
 *
 * - `cpuMs`, which the route reports: the isolate's clock around `place()`. Locally that
 *   clock advances while computing, in whole milliseconds.
 * - workerd's CPU time over the request from /proc's per-thread schedstat (nanoseconds):
 *   the busiest thread's, which is the one running the isolate's JavaScript (JSON
 *   parsing, routing, `place()`, the response, garbage collection on that thread), and
 *   the sum over all threads, which adds background compilation and collection — an
 *   upper bound on what the request costs. Both include receiving the HTTP request and
 *   sending the response, which Cloudflare's front line would do outside the isolate.
 *
 * It also reads workerd's CPU, all threads, from its start until it is ready: what the
 * isolate's startup costs, where the isolate warm-up runs (workers/isolate-warm-up.ts). A
 * copy of the bundle without the warm-up call (`withoutWarmUp`) is the reference.
 *
 * Requests reach the Worker through a direct socket, as with `npm run serve`.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { buildBundle } from "../../scripts/build-bundle";
import { median } from "../../shared/stats";

/** CPU of one fresh isolate's first request. */
interface FirstRequest {
  /** The route's own `cpuMs`. */
  readonly routeCpuMs: number;
  /** CPU over the request of workerd's busiest thread. */
  readonly threadCpuMs: number;
  /** workerd's CPU over the request, all threads. */
  readonly processCpuMs: number;
  /** workerd's CPU from its start until ready, all threads. */
  readonly startupCpuMs: number;
}

/** Medians over the fresh isolates of one bundle, for one request body. */
export interface FirstRequestSummary {
  readonly startupCpuMs: number;
  readonly threadCpuMs: number;
  /** The worst of the trials' thread CPU. */
  readonly maxThreadCpuMs: number;
  readonly processCpuMs: number;
  readonly routeCpuMs: number;
  /** The worst of the trials' route `cpuMs`. */
  readonly maxRouteCpuMs: number;
}

/** One body's first requests with the startup warm-up, and without it (the reference). */
export interface WarmUpComparison {
  readonly withWarmUp: FirstRequestSummary;
  readonly withoutWarmUp: FirstRequestSummary;
}

/**
 * Builds the production bundle and its copy without the warm-up, then sends each body as
 * the first request of `trials` fresh isolates of each, alternating between the two so
 * that both see the same machine.
 */
export async function compareWarmUp(
  bodies: readonly string[],
  trials: number,
): Promise<WarmUpComparison[]> {
  const bundle = await buildTempBundle();
  const reference = withoutWarmUp(bundle);
  try {
    const comparisons: WarmUpComparison[] = [];
    for (const body of bodies) {
      const warm: FirstRequest[] = [];
      const cold: FirstRequest[] = [];
      for (let trial = 0; trial < trials; trial++) {
        warm.push(await firstPlacement(bundle, body));
        cold.push(await firstPlacement(reference, body));
      }
      comparisons.push({ withWarmUp: summarize(warm), withoutWarmUp: summarize(cold) });
    }
    return comparisons;
  } finally {
    removeBundle(reference);
    removeBundle(bundle);
  }
}

function summarize(runs: readonly FirstRequest[]): FirstRequestSummary {
  const thread = runs.map((r) => r.threadCpuMs);
  return {
    startupCpuMs: median(runs.map((r) => r.startupCpuMs)),
    threadCpuMs: median(thread),
    maxThreadCpuMs: Math.max(...thread),
    processCpuMs: median(runs.map((r) => r.processCpuMs)),
    routeCpuMs: median(runs.map((r) => r.routeCpuMs)),
    maxRouteCpuMs: Math.max(...runs.map((r) => r.routeCpuMs)),
  };
}

/** Builds the production bundle into a temporary directory; returns it. */
async function buildTempBundle(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), "edgeos-bench-bundle-"));
  await buildBundle(outdir);
  return outdir;
}

/** The statement of the Worker's entry module that runs the isolate warm-up. */
const WARM_UP_CALL = "warmUpIsolate(gateway);";

/**
 * A copy of the bundle in `outdir` whose entry module skips the isolate warm-up: the
 * reference the warm-up is measured against. Returns the copy's directory.
 */
function withoutWarmUp(outdir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "edgeos-bench-bundle-"));
  cpSync(outdir, copy, { recursive: true });
  const entry = join(copy, "index.js");
  const source = readFileSync(entry, "utf8");
  const calls = source.split(WARM_UP_CALL).length - 1;
  if (calls !== 1) throw new Error(`expected one ${WARM_UP_CALL} in the bundle, found ${calls}`);
  writeFileSync(entry, source.replace(WARM_UP_CALL, ""));
  return copy;
}

/** Removes a bundle made by `buildBundle` or `withoutWarmUp`. */
function removeBundle(outdir: string): void {
  rmSync(outdir, { recursive: true, force: true });
}

/** Starts a fresh isolate on the bundle in `outdir` and sends `body` as its first request. */
async function firstPlacement(outdir: string, body: string): Promise<FirstRequest> {
  const mf = new Miniflare({
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, "index.js"),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-20",
    bindings: { EDGEOS_LOG_REQUESTS: "0" },
    // As `npm run serve` does: a socket straight to the Worker, so requests skip
    // Miniflare's own dispatching Worker.
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  });
  try {
    await mf.ready;
    const url = await mf.unsafeGetDirectURL();
    const workerd = childWorkerd();
    const before = threadCpuNs(workerd);
    let startupNs = 0;
    for (const ns of before.values()) startupNs += ns;
    const response = await fetch(new URL("/v1/placement", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const answer = (await response.json()) as { cpuMs?: number };
    let threadNs = 0;
    let processNs = 0;
    for (const [tid, ns] of threadCpuNs(workerd)) {
      const used = ns - (before.get(tid) ?? 0);
      threadNs = Math.max(threadNs, used);
      processNs += used;
    }
    if (response.status !== 200 || typeof answer.cpuMs !== "number") {
      throw new Error(`placement failed: ${response.status} ${JSON.stringify(answer)}`);
    }
    return {
      routeCpuMs: answer.cpuMs,
      threadCpuMs: threadNs / 1e6,
      processCpuMs: processNs / 1e6,
      startupCpuMs: startupNs / 1e6,
    };
  } finally {
    await mf.dispose();
  }
}

/** The pid of the workerd process this Node process started (the newest, if several). */
function childWorkerd(): number {
  let found = 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (name === "workerd" && parent === process.pid && pid > found) found = pid;
    } catch {
      // The process ended while we looked.
    }
  }
  if (!found) throw new Error("no workerd child process found");
  return found;
}

/** Nanoseconds on CPU so far of each thread of `pid` (/proc/<pid>/task/<tid>/schedstat). */
function threadCpuNs(pid: number): Map<string, number> {
  const used = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8");
      used.set(tid, Number(schedstat.split(" ")[0]));
    } catch {
      // The thread ended while we looked.
    }
  }
  return used;
}
