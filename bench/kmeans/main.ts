/**
 * k-means side by side with scikit-learn (Debian's python3-sklearn) on the very same
 * points: 2-D blobs, n = 10,000 and 100,000, k = 8, nInit = 10, both single-threaded,
 * timing only the fit. The two sides' fits alternate (ours, theirs, theirs, ours, ...)
 * so that a burst of load on the shared machine falls on both alike; each side reports
 * the median. Targets (issue 6): inertia ratio ≤ 1.000, time ratio ≤ 1.0.
 *
 *   npm run bench -- kmeans [--repeats 5]
 *   npm run bench -- kmeans --csv FILE --k 8 --n-init 10 --seed 0
 *
 * With --csv it clusters any file of x,y rows and prints {"n","k","inertia","iterations","ms"}.
 */
import { mkdirSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { kmeans } from "../../shared/sched/kmeans/kmeans";
import { median } from "../../shared/stats";
import { emit, markdownTable, writeBenchSection } from "../report";
import { blobs } from "./blobs";
import { readPointsCsv, writePointsCsv } from "./csv";
import { ensureSklearn, type SklearnFit, SklearnProcess } from "./sklearn";

const INERTIA_TARGET = 1.0;
const TIME_TARGET = 1.0;
const SIZES = [10_000, 100_000];

const { values } = parseArgs({
  options: {
    csv: { type: "string" },
    k: { type: "string", default: "8" },
    "n-init": { type: "string", default: "10" },
    seed: { type: "string", default: "0" },
    repeats: { type: "string", default: "5" },
  },
});
const k = Number(values.k);
const nInit = Number(values["n-init"]);
const seed = Number(values.seed);
const repeats = Number(values.repeats);

/** One fit, timed: CPU time of this process and wall time. */
function timedFit(points: Float64Array) {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const fit = kmeans(points, 2, { k, nInit, seed });
  const wallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  return { fit, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

if (values.csv) {
  const points = readPointsCsv(values.csv);
  const { fit, wallMs } = timedFit(points);
  emit({ n: points.length / 2, k, inertia: fit.inertia, iterations: fit.iterations, ms: wallMs });
} else {
  ensureSklearn();
  const sklearn = new SklearnProcess();
  const dir = join(tmpdir(), "edgeos-bench-kmeans");
  mkdirSync(dir, { recursive: true });
  // Both sides fit other points first: V8 needs several calls to bring the loops to its
  // top tier, scikit-learn its first fit to load what it loads lazily. The timed fits
  // below never see these points.
  const warmupCsv = join(dir, "warmup.csv");
  writePointsCsv(warmupCsv, blobs(50_000, 8, 99));
  const warmup = readPointsCsv(warmupCsv);
  for (let round = 0; round < 3; round++) kmeans(warmup, 2, { k, nInit, seed: round + 1 });
  await sklearn.fit(warmupCsv, k, nInit, 1);
  const rows: (string | number)[][] = [];
  let version = "";
  for (const n of SIZES) {
    const csv = join(dir, `blobs-${n}.csv`);
    writePointsCsv(csv, blobs(n, 8, 2026));
    const points = readPointsCsv(csv);
    const ours: ReturnType<typeof timedFit>[] = [];
    const theirs: SklearnFit[] = [];
    for (let round = 0; round < repeats; round++) {
      if (round % 2 === 0) ours.push(timedFit(points));
      theirs.push(await sklearn.fit(csv, k, nInit, seed));
      if (round % 2 === 1) ours.push(timedFit(points));
    }
    const fit = ours[ours.length - 1]?.fit;
    const last = theirs[theirs.length - 1];
    if (!fit || !last) throw new Error("--repeats must be ≥ 1");
    version = last.version;
    const cpuMs = median(ours.map((r) => r.cpuMs));
    const sklearnCpuMs = median(theirs.map((r) => r.cpuMs));
    const result = {
      bench: "kmeans",
      n,
      k,
      nInit,
      inertia: fit.inertia,
      sklearnInertia: last.inertia,
      inertiaRatio: fit.inertia / last.inertia,
      inertiaTarget: INERTIA_TARGET,
      cpuMs,
      sklearnCpuMs,
      timeRatio: cpuMs / sklearnCpuMs,
      timeTarget: TIME_TARGET,
      wallMs: median(ours.map((r) => r.wallMs)),
      sklearnWallMs: median(theirs.map((r) => r.wallMs)),
      iterations: fit.iterations,
      sklearnIterations: last.iterations,
    };
    emit(result);
    rows.push([
      n.toLocaleString("en"),
      result.inertia.toFixed(3),
      result.sklearnInertia.toFixed(3),
      `${result.inertiaRatio.toFixed(6)} (≤ ${INERTIA_TARGET.toFixed(3)})`,
      result.cpuMs.toFixed(1),
      result.sklearnCpuMs.toFixed(1),
      `${result.timeRatio.toFixed(2)} (≤ ${TIME_TARGET.toFixed(1)})`,
      `${result.wallMs.toFixed(1)} / ${result.sklearnWallMs.toFixed(1)}`,
      `${result.iterations} / ${result.sklearnIterations}`,
    ]);
  }
  writeBenchSection(
    "kmeans",
    `## k-means vs scikit-learn

2-D Gaussian blobs (8 centres in [−10, 10)², σ = 1, seed 2026), k = ${k}, nInit = ${nInit},
seed ${seed}; both sides single-threaded on the same CSV, fit only, median of ${repeats} fits
per side, the two sides' fits alternating (both warmed up first on other points).
edgeos: greedy k-means++ and Hamerly-accelerated Lloyd (tol 1e-4, then the winning run polished
to convergence), Node ${process.version}. scikit-learn ${version} (Debian python3-sklearn),
\`KMeans(n_clusters=${k}, n_init=${nInit}, random_state=${seed})\`, OMP/BLAS threads = 1.
Times are CPU milliseconds of the fitting process (wall-clock shown too); the machine
(${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores) is shared, so absolute times vary.

${markdownTable(
  [
    "n",
    "inertia (edgeos)",
    "inertia (sklearn)",
    "inertia ratio (target)",
    "CPU ms (edgeos)",
    "CPU ms (sklearn)",
    "time ratio (target)",
    "wall ms edgeos / sklearn",
    "iterations edgeos / sklearn",
  ],
  rows,
)}`,
  );
  sklearn.close();
}
