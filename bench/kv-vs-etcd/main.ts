/**
 * `npm run bench -- kv-vs-etcd [--duration S] [--concurrency N] [--idle S] [--with-wrangler-dev]`
 *
 * edgeos's replicated KV against etcd on the same machine, driven by the same closed-loop
 * keep-alive HTTP load (256-byte values, each write to a fresh key):
 * 1. a 3-member etcd cluster on loopback (Debian's etcd-server, installed if missing),
 *    `POST /v3/kv/put` on its JSON gateway at the leader, at concurrency N and 1;
 * 2. the lean server (`npm run serve`, request logs off) with a fresh persist dir: its
 *    no-op ceiling (`GET /healthz`), then `PUT /v1/groups/bench/kv/<key>` on a 3-replica
 *    group at concurrency N and 1, DO RPC calls per write, and DO requests while idle —
 *    or, while the KV routes answer 404, a line saying so;
 *    then the same writes on a 3-replica Multi-Paxos group of the same server;
 * 3. with --with-wrangler-dev, the same no-op ceiling through `wrangler dev`.
 * Every run is preceded by a 1 s warm-up that is not counted. Targets: issue 4.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startWranglerDev } from "../../test/e2e/wrangler-dev";
import { type RequestFactory, runClosedLoop } from "../load/closed-loop";
import { processTreeCpuMs, serverCpuSince } from "../load/process-cpu";
import { emit, writeBenchSection } from "../report";
import {
  counterDelta,
  countIdleRequests,
  type GroupStats,
  kvPath,
  PAXOS_BENCH_GROUP,
  prepareBenchGroup,
  readGroupStats,
  rpcCallsOf,
} from "./edgeos-kv";
import { ensureEtcd, startEtcdCluster } from "./etcd-cluster";
import { startLeanServer } from "./lean-server";
import { benchMarkdown, checkTargets, type Measured, OPS, type Run, SYSTEMS } from "./targets";

const USAGE =
  "usage: npm run bench -- kv-vs-etcd [--duration S] [--concurrency N] [--idle S] [--with-wrangler-dev]";
const VALUE_BYTES = 256;
const WARMUP_MS = 1000;
/** Quiet time after the last write before the idle window opens, for the group to go quiet. */
const SETTLE_MS = 5000;
/** How often the idle window reads the group's counters. */
const IDLE_SAMPLE_MS = 10_000;

interface BenchArgs {
  durationMs: number;
  concurrency: number;
  idleMs: number;
  wranglerDev: boolean;
}

function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { durationMs: 5000, concurrency: 32, idleMs: 60_000, wranglerDev: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--with-wrangler-dev") {
      args.wranglerDev = true;
      continue;
    }
    const text = argv[++i] ?? "";
    const value = text.trim() === "" ? Number.NaN : Number(text);
    if (flag === "--duration" && value > 0) args.durationMs = value * 1000;
    else if (flag === "--idle" && value >= 0) args.idleMs = value * 1000;
    else if (flag === "--concurrency" && Number.isInteger(value) && value >= 1) {
      args.concurrency = value;
    } else throw new Error(`bad argument ${flag} ${text}`.trim());
  }
  return args;
}

/** A 256-character value that differs per write. */
function valueFor(worker: number, seq: number): string {
  return `${worker}-${seq}-`.padEnd(VALUE_BYTES, "v");
}

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** Requests of the `run`-th closed loop (warm-ups included), so no two writes share a key. */
type Workload = (run: number) => RequestFactory;

const etcdPut: Workload = (run) => (worker, seq) => ({
  method: "POST",
  path: "/v3/kv/put",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    key: base64(`bench/r${run}-k-${worker}-${seq}`),
    value: base64(valueFor(worker, seq)),
  }),
});

/** Writes to fresh keys of `group`. */
const kvPutIn =
  (group: string): Workload =>
  (run) =>
  (worker, seq) => ({
    method: "PUT",
    path: kvPath(`r${run}-k-${worker}-${seq}`, group),
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ value: valueFor(worker, seq) }),
  });

const kvPut = kvPutIn("bench");

const healthz: Workload = () => () => ({ method: "GET", path: "/healthz" });

let runs = 0;

/**
 * A 1 s uncounted warm-up, then `between` (if any), then the measured run, with the CPU
 * the server processes `pids` (and their children) used during it unless `pids` is
 * empty; emits the result.
 */
async function measure(
  labels: Record<string, string | number>,
  url: string,
  concurrency: number,
  workload: Workload,
  pids: readonly number[],
  between?: () => Promise<void>,
): Promise<Run> {
  await runClosedLoop({ url, concurrency, durationMs: WARMUP_MS, request: workload(runs++) });
  await between?.();
  const request = workload(runs++);
  const cpuBefore = processTreeCpuMs(pids);
  const loop = await runClosedLoop({ url, concurrency, durationMs: args.durationMs, request });
  const result: Run =
    pids.length === 0
      ? loop
      : { ...loop, cpu: serverCpuSince(pids, cpuBefore, loop.ok, loop.elapsedMs) };
  emit({ bench: "kv-vs-etcd", ...labels, ...result });
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`kv-vs-etcd: ${line}\n`);

let args: BenchArgs;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const cleanups: (() => Promise<unknown>)[] = [];
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
};
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));
const notes: string[] = [
  "Server CPU: user + system time of the server's processes (etcd: the three members; edgeos: the lean server and its workerd) over the measured loop, from /proc; ms per successful request, and cores kept busy on average. workerd runs all of the Worker's JavaScript — gateway and every replica — on one thread, so edgeos cannot keep much more than one core busy, while etcd's members spread over every core.",
];

/** etcd puts at the configured concurrency and at 1. */
async function measureEtcd(version: string) {
  const cluster = await startEtcdCluster(3);
  cleanups.push(cluster.stop);
  const leader = await cluster.leader();
  const labels = { system: `etcd ${version}`, op: OPS.etcdPut, valueBytes: VALUE_BYTES };
  const etcd = await measure(labels, leader, args.concurrency, etcdPut, cluster.pids);
  const etcdSerial = await measure(labels, leader, 1, etcdPut, cluster.pids);
  await cleanUp();
  return { etcd, etcdSerial };
}

/** KV puts at the configured concurrency and at 1, RPC calls per write, and the idle window. */
async function measureKv(url: string, pid: number, measured: Measured): Promise<void> {
  const labels = { system: SYSTEMS.edgeos, op: OPS.kvPut, valueBytes: VALUE_BYTES };
  let before: GroupStats | undefined;
  const kv = await measure(labels, url, args.concurrency, kvPut, [pid], async () => {
    before = await readGroupStats(url);
  });
  measured.kv = kv;
  const rpcCalls = counterDelta(before, await readGroupStats(url), rpcCallsOf);
  if (rpcCalls !== undefined) measured.rpcCallsPerWrite = rpcCalls / kv.ok;
  notes.push(
    `DO RPC calls per write: growth of the bench group's \`stats\` (\`rpcCalls\`, else the status-answering replica's \`clientCalls + peerCallsOut\`) over the c=${args.concurrency} run ÷ its ${kv.ok} committed writes.`,
  );
  measured.kvSerial = await measure(labels, url, 1, kvPut, [pid]);
  for (const result of [kv, measured.kvSerial]) {
    if (result.firstError) {
      notes.push(
        `First failed write at c=${result.concurrency}: \`${result.firstError.slice(0, 300)}\``,
      );
    }
  }
  if (args.idleMs > 0) {
    await sleep(SETTLE_MS);
    measured.idle = await countIdleRequests(url, args.idleMs, IDLE_SAMPLE_MS);
    notes.push(
      `Idle window: ${args.idleMs / 1000} s, opened ${SETTLE_MS / 1000} s after the last write, status sampled every ${IDLE_SAMPLE_MS / 1000} s (the samples are not counted); DO requests from \`stats\` (\`doRequests\`, else the status-answering replica's \`clientCalls + peerCallsIn + alarms\`).`,
    );
  }
  emit({
    bench: "kv-vs-etcd",
    system: SYSTEMS.edgeos,
    rpcCallsPerWrite: measured.rpcCallsPerWrite ?? "n/a",
    idleWindowMs: args.idleMs,
    idle: measured.idle ?? "n/a",
  });
}

/** The same writes, at the same concurrencies, on a Multi-Paxos group of the same server. */
async function measurePaxosKv(url: string, pid: number, measured: Measured): Promise<void> {
  const ready = await prepareBenchGroup(url, valueFor(0, 0), PAXOS_BENCH_GROUP);
  if (!ready.available) throw new Error(`the Paxos bench group: ${ready.reason}`);
  const labels = { system: SYSTEMS.edgeosPaxos, op: OPS.paxosKvPut, valueBytes: VALUE_BYTES };
  const workload = kvPutIn(PAXOS_BENCH_GROUP.name);
  measured.paxosKv = await measure(labels, url, args.concurrency, workload, [pid]);
  measured.paxosKvSerial = await measure(labels, url, 1, workload, [pid]);
}

/** The lean server: its no-op ceiling, then the KV when its routes exist. */
async function measureEdgeos(etcd: Pick<Measured, "etcd" | "etcdSerial">): Promise<Measured> {
  const persist = mkdtempSync(join(tmpdir(), "edgeos-bench-kv-"));
  cleanups.push(async () => rmSync(persist, { recursive: true, force: true }));
  const port = await freePort();
  const server = await startLeanServer({ port, persist, vars: { EDGEOS_LOG_REQUESTS: "0" } });
  cleanups.push(server.stop);
  const noopLabels = { system: SYSTEMS.edgeos, op: OPS.noop };
  const measured: Measured = {
    ...etcd,
    noop: await measure(noopLabels, server.url, args.concurrency, healthz, [server.pid]),
  };
  const kv = await prepareBenchGroup(server.url, valueFor(0, 0));
  if (kv.available) {
    await measureKv(server.url, server.pid, measured);
    await measurePaxosKv(server.url, server.pid, measured);
  } else {
    emit({ bench: "kv-vs-etcd", system: SYSTEMS.edgeos, kv: "not available", reason: kv.reason });
    notes.push(`edgeos KV not measured: ${kv.reason}`);
  }
  await cleanUp();
  return measured;
}

/** The same no-op ceiling through `wrangler dev`'s proxy. */
async function measureWranglerDev(): Promise<Run> {
  const dev = await startWranglerDev({ EDGEOS_LOG_REQUESTS: "0" });
  cleanups.push(dev.stop);
  const labels = { system: SYSTEMS.wranglerDev, op: OPS.noop };
  // wrangler dev's processes are not exposed: no CPU column for this row.
  const result = await measure(labels, dev.url, args.concurrency, healthz, []);
  await cleanUp();
  return result;
}

try {
  const loadAtStart = loadavg()[0] ?? 0;
  const etcdVersion = ensureEtcd(log);
  log(`etcd ${etcdVersion}: starting 3 members`);
  const measured = await measureEdgeos(await measureEtcd(etcdVersion));
  if (args.wranglerDev) measured.wranglerDevNoop = await measureWranglerDev();
  for (const target of checkTargets(measured)) emit({ bench: "kv-vs-etcd", ...target });
  const setup = [
    `etcd ${etcdVersion} (Debian etcd-server), 3 members on loopback, writes sent to the leader's JSON gateway;`,
    "edgeos through `npm run serve` (Miniflare, SQLite-backed DOs persisted to disk, request logs off), a Raft group and a Multi-Paxos group (majority quorums) of 3 replicas each.",
    `Closed loop over keep-alive HTTP, ${VALUE_BYTES}-byte values, a fresh key per write, ${args.durationMs / 1000} s per row after a 1 s warm-up;`,
    `load generator and servers share ${cpus().length} cores of ${cpus()[0]?.model ?? "an unknown CPU"} (Node ${process.versions.node}),`,
    `with other work running (1-minute load average ${loadAtStart.toFixed(1)} at the start).`,
  ].join(" ");
  writeBenchSection("kv-vs-etcd", benchMarkdown(measured, setup, notes));
} finally {
  await cleanUp();
}
