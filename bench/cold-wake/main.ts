/**
 * The first request to a consensus group after every replica was evicted, against warm
 * requests, in one run on the lean server (issue #18). Per engine: warm writes and warm
 * linearizable reads one after another (the reference), then `--rounds` cold rounds:
 * let the group go quiet, evict all of its replicas (the dev fault route aborts each
 * Durable Object, which then reloads from SQLite on its next call, as after an eviction),
 * and time one write — or, in the next round, one linearizable read — through the API.
 * Target: the first write within 3× a warm write's p50 and within 50 ms.
 *
 *   npm run bench -- cold-wake [--rounds N] [--warm N]
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { percentile } from "../../shared/stats";
import { freePort } from "../../test/e2e/wrangler-dev";
import { startLeanServer } from "../kv-vs-etcd/lean-server";
import { emit, markdownTable, round, writeBenchSection } from "../report";

/** The targets of issue #18 for a first write after eviction. */
const TARGET_RATIO = 3;
const TARGET_MS = 50;
/** How long a group may take to go quiet (the replicas quiesce after 20 idle ticks of 100 ms). */
const QUIET_TIMEOUT_MS = 30_000;
const ENGINES = ["raft", "paxos"] as const;

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "10" }, warm: { type: "string", default: "200" } },
});
const rounds = Number(values.rounds);
const warmCount = Number(values.warm);

/** Latencies of one kind of request, in ms. */
interface Sample {
  engine: string;
  kind: string;
  ms: number[];
}

const server = await startLeanServer({
  port: await freePort(),
  vars: { EDGEOS_DEV_FAULTS: "1", EDGEOS_LOG_REQUESTS: "0" },
});
const samples: Sample[] = [];
try {
  for (const engine of ENGINES) samples.push(...(await measure(server.url, engine)));
} finally {
  await server.stop();
}

const rows = samples.map((s) => summary(s));
for (const row of rows) emit({ bench: "cold-wake", ...row });
const verdicts = ENGINES.flatMap((engine) => verdict(engine, rows));
for (const v of verdicts) emit({ bench: "cold-wake", ...v });
writeBenchSection("cold-wake", report(rows, verdicts));

async function measure(url: string, engine: (typeof ENGINES)[number]): Promise<Sample[]> {
  const group = `cold-${engine}`;
  const api = (method: string, path: string, body?: unknown) => call(url, method, path, body);
  const created = await api("POST", "/v1/groups", { name: group, engine, replicas: 3 });
  if (created.status !== 201) throw new Error(`create ${group}: ${created.status}`);
  const key = (i: number) => `/v1/groups/${group}/kv/key-${i % 16}`;
  const warmWrites: number[] = [];
  const warmReads: number[] = [];
  for (let i = 0; i < warmCount; i++)
    warmWrites.push(await timed(api, "PUT", key(i), { value: "v" }));
  for (let i = 0; i < warmCount; i++) warmReads.push(await timed(api, "GET", key(i)));
  const coldWrites: number[] = [];
  const coldReads: number[] = [];
  const coldStatus: number[] = [];
  for (let round = 0; round < rounds * 2; round++) {
    await evict(api, group, coldStatus);
    if (round % 2 === 0) coldWrites.push(await timed(api, "PUT", key(round), { value: "cold" }));
    else coldReads.push(await timed(api, "GET", key(round)));
  }
  return [
    { engine, kind: "warm write", ms: warmWrites },
    { engine, kind: "first write after eviction", ms: coldWrites },
    { engine, kind: "warm linearizable read", ms: warmReads },
    { engine, kind: "first linearizable read after eviction", ms: coldReads },
    { engine, kind: "status after eviction (one replica loads, no election)", ms: coldStatus },
  ];
}

/**
 * Waits until the group is quiet and evicts every replica; checks that the status says so
 * (and times that status read: one replica loading from SQLite, with no election), then
 * evicts them again, since the status read loaded the replica it asked.
 */
async function evict(api: Api, group: string, statusMs: number[]): Promise<void> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  for (;;) {
    const status = await api("GET", `/v1/groups/${group}`);
    if (status.body.state === "quiesced") break;
    if (Date.now() > deadline) throw new Error(`${group} did not go quiet`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await crashAll(api, group);
  const started = performance.now();
  const status = await api("GET", `/v1/groups/${group}`);
  statusMs.push(performance.now() - started);
  if (status.body.state !== "evicted") {
    throw new Error(`${group} after eviction: ${JSON.stringify(status.body)}`);
  }
  await crashAll(api, group);
}

async function crashAll(api: Api, group: string): Promise<void> {
  const crashed = await api("POST", `/v1/_faults/groups/${group}`, { crash: [1, 2, 3] });
  if (crashed.status !== 200) throw new Error(`evict ${group}: ${crashed.status}`);
}

type Api = (method: string, path: string, body?: unknown) => Promise<Answer>;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The milliseconds one request takes; it must succeed. */
async function timed(api: Api, method: string, path: string, body?: unknown): Promise<number> {
  const started = performance.now();
  const answer = await api(method, path, body);
  const ms = performance.now() - started;
  if (answer.status !== 200) throw new Error(`${method} ${path}: ${answer.status}`);
  return ms;
}

interface Row {
  engine: string;
  kind: string;
  runs: number;
  p50: number;
  p90: number;
  max: number;
}

function summary(s: Sample): Row {
  return {
    engine: s.engine,
    kind: s.kind,
    runs: s.ms.length,
    p50: round(percentile(s.ms, 50), 1),
    p90: round(percentile(s.ms, 90), 1),
    max: round(Math.max(...s.ms), 1),
  };
}

interface Verdict {
  engine: string;
  kind: string;
  ratio: number;
  /** Against the target; null where the issue sets none (the read). */
  met: boolean | null;
}

/** First request against warm, by p50; the write against the target. */
function verdict(engine: string, rows: Row[]): Verdict[] {
  const p50 = (kind: string) => rows.find((r) => r.engine === engine && r.kind === kind)?.p50 ?? 0;
  const write = p50("first write after eviction");
  const read = p50("first linearizable read after eviction");
  return [
    {
      engine,
      kind: "write",
      ratio: round(write / p50("warm write"), 2),
      met: write <= TARGET_RATIO * p50("warm write") && write <= TARGET_MS,
    },
    { engine, kind: "read", ratio: round(read / p50("warm linearizable read"), 2), met: null },
  ];
}

function report(rows: Row[], verdicts: Verdict[]): string {
  const table = markdownTable(
    ["engine", "request", "runs", "p50 ms", "p90 ms", "max ms"],
    rows.map((r) => [r.engine, r.kind, r.runs, r.p50, r.p90, r.max]),
  );
  const ratios = markdownTable(
    [
      "engine",
      "first request",
      "first / warm (p50)",
      `target ≤ ${TARGET_RATIO}× and ≤ ${TARGET_MS} ms`,
    ],
    verdicts.map((v) => [
      v.engine,
      v.kind,
      v.ratio,
      v.met === null ? "— (none set)" : v.met ? "met" : "not met",
    ]),
  );
  return `## cold-wake — the first request after every replica was evicted

One client on loopback against the lean server (\`npm run serve\`), one request at a time.
Warm: ${warmCount} writes, then ${warmCount} linearizable reads, to a group that is awake.
Cold: ${rounds} rounds each of one write and one read; before each, the group goes quiet
(state \`quiesced\`) and the dev fault route aborts all three replica Durable Objects, so
the request finds every replica unloaded (status \`evicted\`) and each reloads from SQLite.
The replica asked starts an election at once and serves the call when it leads. The
target (issue #18) is for the write: ≤ ${TARGET_RATIO}× a warm write's p50 and ≤ ${TARGET_MS} ms. A status
read after the eviction is timed too: one replica loads and answers without an election.
The machine is shared: ${cpus().length} cores of ${cpus()[0]?.model ?? "unknown"}, load
average ${round(loadavg()[0] ?? 0, 2)} at the end, Node ${process.versions.node}.

${table}

${ratios}
`;
}
