/**
 * The first request to a consensus group, and to a DHT ring, after every object of it was
 * evicted, against warm requests, in one run on the lean server (issue #18).
 *
 * Per group engine: warm writes and warm linearizable reads one after another (the
 * reference), then `--rounds` cold rounds: let the group go quiet, evict all of its
 * replicas (the dev fault route aborts each Durable Object, which then reloads from SQLite
 * on its next call, as after an eviction), and time one write — or, in the next round, one
 * linearizable read — through the API. Target: the first write within 3× a warm write's
 * p50 and within 50 ms.
 *
 * Per ring overlay: warm reads, then `--rounds` cold rounds: let the ring go idle (no node
 * keeps an alarm), evict every node and the ring directory (and the gateway's cached view),
 * and time one read. Target: the first read within 3× a warm read's p50 and within 50 ms.
 *
 *   npm run bench -- cold-wake [--rounds N] [--warm N]
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { percentile } from "../../shared/stats";
import { freePort } from "../../test/e2e/wrangler-dev";
import { startLeanServer } from "../kv-vs-etcd/lean-server";
import { emit, markdownTable, round, writeBenchSection } from "../report";

/** The targets of issue #18 for a first request after eviction. */
const TARGET_RATIO = 3;
const TARGET_MS = 50;
/** How long a group or ring may take to go quiet (a group quiesces after 20 idle ticks of 100 ms). */
const QUIET_TIMEOUT_MS = 30_000;
const ENGINES = ["raft", "paxos"] as const;
const OVERLAYS = ["chord", "kademlia"] as const;
/** The size of the rings measured: the default ring's. */
const RING_NODES = 16;
/** Keys written and read, round-robin. */
const KEYS = 16;

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "10" }, warm: { type: "string", default: "200" } },
});
const rounds = Number(values.rounds);
const warmCount = Number(values.warm);

/** Latencies of one kind of request to one system (a group engine or a ring overlay), in ms. */
interface Sample {
  system: string;
  kind: string;
  ms: number[];
}

/** Which first request a system is judged by, against which warm one. */
interface Judged {
  system: string;
  first: string;
  warm: string;
  /** Whether the issue sets the target for this request (else the ratio is only shown). */
  targeted: boolean;
}

const JUDGED: Judged[] = [
  ...ENGINES.flatMap((system) => [
    { system, first: "first write after eviction", warm: "warm write", targeted: true },
    {
      system,
      first: "first linearizable read after eviction",
      warm: "warm linearizable read",
      targeted: false,
    },
  ]),
  ...OVERLAYS.map((overlay) => ({
    system: `${overlay} ring`,
    first: "first read after eviction",
    warm: "warm read",
    targeted: true,
  })),
];

const server = await startLeanServer({
  port: await freePort(),
  vars: { EDGEOS_DEV_FAULTS: "1", EDGEOS_LOG_REQUESTS: "0" },
});
const samples: Sample[] = [];
try {
  for (const engine of ENGINES) samples.push(...(await measureGroup(server.url, engine)));
  for (const overlay of OVERLAYS) samples.push(...(await measureRing(server.url, overlay)));
} finally {
  await server.stop();
}

const rows = samples.map((s) => summary(s));
for (const row of rows) emit({ bench: "cold-wake", ...row });
const verdicts = JUDGED.map((judged) => verdict(judged, rows));
for (const v of verdicts) emit({ bench: "cold-wake", ...v });
writeBenchSection("cold-wake", report(rows, verdicts));

async function measureGroup(url: string, engine: (typeof ENGINES)[number]): Promise<Sample[]> {
  const group = `cold-${engine}`;
  const api = (method: string, path: string, body?: unknown) => call(url, method, path, body);
  const created = await api("POST", "/v1/groups", { name: group, engine, replicas: 3 });
  if (created.status !== 201) throw new Error(`create ${group}: ${created.status}`);
  const key = (i: number) => `/v1/groups/${group}/kv/key-${i % KEYS}`;
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
    { system: engine, kind: "warm write", ms: warmWrites },
    { system: engine, kind: "first write after eviction", ms: coldWrites },
    { system: engine, kind: "warm linearizable read", ms: warmReads },
    { system: engine, kind: "first linearizable read after eviction", ms: coldReads },
    {
      system: engine,
      kind: "status after eviction (one replica loads, no election)",
      ms: coldStatus,
    },
  ];
}

async function measureRing(url: string, overlay: (typeof OVERLAYS)[number]): Promise<Sample[]> {
  const ring = `cold-${overlay}`;
  const api = (method: string, path: string, body?: unknown) => call(url, method, path, body);
  const created = await api("POST", "/v1/rings", {
    name: ring,
    overlay,
    nodes: RING_NODES,
    replication: 3,
  });
  if (created.status !== 201) throw new Error(`create ${ring}: ${created.status}`);
  const key = (i: number) => `/v1/rings/${ring}/keys/key-${i % KEYS}`;
  for (let i = 0; i < KEYS; i++) await timed(api, "PUT", key(i), { value: "v" });
  const warmReads: number[] = [];
  for (let i = 0; i < warmCount; i++) warmReads.push(await timed(api, "GET", key(i)));
  const coldReads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await evictRing(api, ring);
    coldReads.push(await timed(api, "GET", key(round)));
  }
  return [
    { system: `${overlay} ring`, kind: "warm read", ms: warmReads },
    { system: `${overlay} ring`, kind: "first read after eviction", ms: coldReads },
  ];
}

/** Waits until no node of the ring keeps an alarm, then evicts every node and the directory. */
async function evictRing(api: Api, ring: string): Promise<void> {
  const deadline = Date.now() + QUIET_TIMEOUT_MS;
  for (;;) {
    const status = await api("GET", `/v1/rings/${ring}`);
    const nodes = status.body.nodes as { alarmSet: boolean }[];
    if (nodes.every((n) => !n.alarmSet)) break;
    if (Date.now() > deadline) throw new Error(`${ring} did not go idle`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const crashed = await api("POST", `/v1/_faults/rings/${ring}`, { crash: "all" });
  if (crashed.status !== 200) throw new Error(`evict ${ring}: ${crashed.status}`);
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
  system: string;
  kind: string;
  runs: number;
  p50: number;
  p90: number;
  max: number;
}

function summary(s: Sample): Row {
  return {
    system: s.system,
    kind: s.kind,
    runs: s.ms.length,
    p50: round(percentile(s.ms, 50), 1),
    p90: round(percentile(s.ms, 90), 1),
    max: round(Math.max(...s.ms), 1),
  };
}

interface Verdict {
  system: string;
  first: string;
  ratio: number;
  /** Against the target; null where the issue sets none. */
  met: boolean | null;
}

/** A first request against its warm reference, by p50, and against the target if it has one. */
function verdict(judged: Judged, rows: Row[]): Verdict {
  const p50 = (kind: string) =>
    rows.find((r) => r.system === judged.system && r.kind === kind)?.p50 ?? 0;
  const first = p50(judged.first);
  const warm = p50(judged.warm);
  return {
    system: judged.system,
    first: judged.first,
    ratio: round(first / warm, 2),
    met: judged.targeted ? first <= TARGET_RATIO * warm && first <= TARGET_MS : null,
  };
}

function report(rows: Row[], verdicts: Verdict[]): string {
  const table = markdownTable(
    ["system", "request", "runs", "p50 ms", "p90 ms", "max ms"],
    rows.map((r) => [r.system, r.kind, r.runs, r.p50, r.p90, r.max]),
  );
  const ratios = markdownTable(
    [
      "system",
      "first request",
      "first / warm (p50)",
      `target ≤ ${TARGET_RATIO}× and ≤ ${TARGET_MS} ms`,
    ],
    verdicts.map((v) => [
      v.system,
      v.first,
      v.ratio,
      v.met === null ? "— (none set)" : v.met ? "met" : "not met",
    ]),
  );
  return `## cold-wake — the first request after every replica or ring node was evicted

One client on loopback against the lean server (\`npm run serve\`), one request at a time.

Groups (three replicas). Warm: ${warmCount} writes, then ${warmCount} linearizable reads, to a group that is awake.
Cold: ${rounds} rounds each of one write and one read; before each, the group goes quiet
(state \`quiesced\`) and the dev fault route aborts all three replica Durable Objects, so
the request finds every replica unloaded (status \`evicted\`) and each reloads from SQLite.
The replica asked starts an election at once and serves the call when it leads. The
target (issue #18) is for the write: ≤ ${TARGET_RATIO}× a warm write's p50 and ≤ ${TARGET_MS} ms. A status
read after the eviction is timed too: one replica loads and answers without an election.

Rings (${RING_NODES} nodes, r = 3, one-hop routing). Warm: ${warmCount} reads of ${KEYS} keys. Cold: ${rounds}
rounds of one read; before each, no node keeps an alarm (the ring is idle) and the dev
fault route aborts every node's Durable Object and the ring directory's, and drops the
gateway's cached membership view. So the read pays the directory's load for the view and
the load of each node it reaches. Target (issue #18): ≤ ${TARGET_RATIO}× a warm read's p50 and ≤ ${TARGET_MS} ms.

The machine is shared: ${cpus().length} cores of ${cpus()[0]?.model ?? "unknown"}, load
average ${round(loadavg()[0] ?? 0, 2)} at the end, Node ${process.versions.node}.

${table}

${ratios}
`;
}
