/**
 * `npm run bench -- fs [--duration S] [--mib N]`
 *
 * The edgeos file system (the lean server, `npm run serve`, chunks in the default ring with
 * r = 3 copies, the namespace in the default group) against an R2 bucket as Miniflare
 * emulates it (`r2-reference.ts`, one copy), side by side in one run on this machine:
 * sequential write and read of one N MiB file (default 100), 1 MiB and 4 KiB object writes
 * and reads at concurrency 16, metadata operations (create an empty file, stat, list a
 * directory, rename) at concurrency 16, and each server's peak resident memory.
 * Targets (issue #14): read ≥ 0.8× and write ≥ 0.5× the reference's MB/s; creates ≥ 1,000/s.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ownProcessGroup, peakRss } from "../../test/e2e/process-memory";
import { freePort } from "../../test/e2e/wrangler-dev";
import { startLeanServer } from "../kv-vs-etcd/lean-server";
import { type LoadRequest, runClosedLoop } from "../load/closed-loop";
import { emit, markdownTable, round, writeBenchSection } from "../report";
import { startR2Reference } from "./r2-reference";

const MiB = 1024 * 1024;
const CONCURRENCY = 16;
const USAGE = "usage: npm run bench -- fs [--duration S] [--mib N]";

/** How one system names each operation over HTTP. */
interface System {
  name: string;
  url: string;
  put(key: string): string;
  get(key: string): string;
  list(prefix: string): string;
  rename(from: string, to: string): LoadRequest;
}

const edgeos = (url: string): System => ({
  name: "edgeos fs (r = 3)",
  url,
  put: (key) => `/v1/volumes/default/files/${key}`,
  get: (key) => `/v1/volumes/default/files/${key}`,
  list: (prefix) => `/v1/volumes/default/dirs/${prefix}?limit=100`,
  rename: (from, to) => ({
    method: "POST",
    path: "/v1/volumes/default/rename",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: `/${from}`, to: `/${to}` }),
  }),
});

const r2 = (url: string): System => ({
  name: "R2 (Miniflare, 1 copy)",
  url,
  put: (key) => `/o/${key}`,
  get: (key) => `/o/${key}`,
  list: (prefix) => `/list?prefix=${encodeURIComponent(`${prefix}/`)}`,
  rename: (from, to) => ({
    method: "POST",
    path: `/rename?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  }),
});

function parseArgs(argv: string[]): { durationMs: number; mib: number } {
  const args = { durationMs: 5000, mib: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--duration" && value > 0) args.durationMs = value * 1000;
    else if (argv[i] === "--mib" && Number.isInteger(value) && value > 0) args.mib = value;
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
  }
  return args;
}

/** MB/s of one sequential write and one read of `bytes`. */
async function sequential(
  system: System,
  bytes: Uint8Array,
): Promise<{ write: number; read: number }> {
  const started = performance.now();
  const put = await fetch(`${system.url}${system.put("bench/seq.bin")}`, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: bytes,
  });
  if (!put.ok) throw new Error(`${system.name}: sequential write answered ${put.status}`);
  await put.arrayBuffer();
  const wrote = performance.now() - started;
  const reading = performance.now();
  const got = await fetch(`${system.url}${system.get("bench/seq.bin")}`);
  let received = 0;
  for await (const chunk of got.body as ReadableStream<Uint8Array>) received += chunk.byteLength;
  if (received !== bytes.byteLength) throw new Error(`${system.name}: read ${received} bytes`);
  const read = performance.now() - reading;
  const mbps = (ms: number) => round(bytes.byteLength / 1e6 / (ms / 1000), 1);
  return { write: mbps(wrote), read: mbps(read) };
}

/** ops/s of a closed loop at concurrency 16 over `request`. */
async function loop(
  system: System,
  durationMs: number,
  request: (w: number, s: number) => LoadRequest,
) {
  const result = await runClosedLoop({
    url: system.url,
    concurrency: CONCURRENCY,
    durationMs,
    request,
  });
  if (result.ok === 0)
    throw new Error(`${system.name}: every request failed: ${result.firstError}`);
  return {
    opsPerSec: round(result.opsPerSec, 1),
    p99: round(result.latencyMs.p99, 1),
    errors: result.errors,
  };
}

async function measure(system: System, durationMs: number, big: Uint8Array) {
  const results: Record<string, number> = {};
  const seq = await sequential(system, big);
  results["seq write MB/s"] = seq.write;
  results["seq read MB/s"] = seq.read;
  for (const [label, size] of [
    ["1 MiB", MiB],
    ["4 KiB", 4096],
  ] as const) {
    const body = randomBytes(size);
    const octets = { "content-type": "application/octet-stream" };
    const writes = await loop(system, durationMs, (w, s) => ({
      method: "PUT",
      path: system.put(`bench/${size}/w${w}-${s}`),
      headers: octets,
      body: Buffer.concat([Buffer.from(`${w}-${s}-`), body.subarray(16)]),
    }));
    results[`${label} writes/s`] = writes.opsPerSec;
    const reads = await loop(system, durationMs, (w, s) => ({
      method: "GET",
      path: system.get(`bench/${size}/w${w}-${s % 8}`),
    }));
    results[`${label} reads/s`] = reads.opsPerSec;
  }
  const creates = await loop(system, durationMs, (w, s) => ({
    method: "PUT",
    path: system.put(`meta/c${w}/f${s}`),
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array(0),
  }));
  results["creates/s"] = creates.opsPerSec;
  results["stats/s"] = (
    await loop(system, durationMs, (w, s) => ({
      method: "HEAD",
      path: system.get(`meta/c${w}/f${s % 8}`),
    }))
  ).opsPerSec;
  results["lists/s"] = (
    await loop(system, durationMs, (w) => ({ method: "GET", path: system.list(`meta/c${w}`) }))
  ).opsPerSec;
  results["renames/s"] = (
    await loop(system, durationMs, (w, s) =>
      system.rename(`meta/c${w}/f${s}`, `meta/c${w}/renamed-${s}`),
    )
  ).opsPerSec;
  return results;
}

async function main(): Promise<void> {
  const { durationMs, mib } = parseArgs(process.argv.slice(2));
  const big = randomBytes(mib * MiB);
  const work = mkdtempSync(join(tmpdir(), "edgeos-bench-fs-"));
  const server = await startLeanServer({ port: await freePort(), persist: join(work, "edgeos") });
  const reference = await startR2Reference(await freePort(), join(work, "r2"));
  try {
    const systems = [r2(reference.url), edgeos(server.url)];
    const measured: Record<string, number>[] = [];
    for (const system of systems) {
      const results = await measure(system, durationMs, big);
      // Miniflare's workerd runs in this process's group; the lean server's in its own.
      const group = system === systems[0] ? ownProcessGroup() : server.pid;
      results["peak RSS MiB"] = round(peakRss(group, "workerd") / MiB, 1);
      measured.push(results);
      emit({ bench: "fs", system: system.name, ...results });
    }
    const [ref, ours] = measured as [Record<string, number>, Record<string, number>];
    const ratio = (key: string) => round((ours[key] ?? 0) / (ref[key] || 1), 2);
    const targets = [
      { what: "seq read vs R2", value: ratio("seq read MB/s"), target: 0.8 },
      { what: "seq write vs R2", value: ratio("seq write MB/s"), target: 0.5 },
      { what: "creates/s", value: ours["creates/s"] ?? 0, target: 1000 },
    ];
    for (const t of targets)
      emit({
        bench: "fs",
        target: t.what,
        value: t.value,
        goal: t.target,
        met: t.value >= t.target,
      });
    const rows = Object.keys(ref).map((key) => [key, ref[key] ?? 0, ours[key] ?? 0, ratio(key)]);
    writeBenchSection(
      "fs",
      [
        "## fs — the file system against R2 as Miniflare emulates it",
        "",
        `\`npm run bench -- fs\`, ${new Date().toISOString().slice(0, 10)}, one run on this machine: ${mib} MiB sequential file, ${durationMs / 1000} s per closed loop at concurrency ${CONCURRENCY}. edgeos through the lean server with a persist dir (chunks r = 3 in the default ring); R2 through Miniflare with a persist dir (one copy). A create is an empty-file PUT (two consensus writes in edgeos: the upload intent and the commit); R2's rename is a copy and a delete.`,
        "",
        markdownTable(["measure", "R2 (Miniflare)", "edgeos fs", "edgeos / R2"], rows),
        "",
        markdownTable(
          ["target (issue #14)", "measured", "goal", "met"],
          targets.map((t) => [
            t.what,
            t.value,
            `≥ ${t.target}`,
            t.value >= t.target ? "yes" : "no",
          ]),
        ),
      ].join("\n"),
    );
  } finally {
    await reference.stop();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
