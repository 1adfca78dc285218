/**
 * k-means on a row-major Float64Array of points: greedy k-means++ seeding with a seeded
 * RNG, Hamerly-accelerated Lloyd iterations, weighted points, `nInit` restarts keeping the
 * lowest inertia. The same seed and input always give the same result. The fit runs as
 * one WebAssembly kernel (shared/sched/assembly/kmeans/fit.ts, where the algorithm is
 * documented); this module validates the options and draws the seedings' randomness.
 */
import { Rng } from "../../rng";
import { KernelCall } from "../wasm/heap";
import type { KMeansKernels } from "../wasm/kmeans-kernels";
import type { RunResult } from "./hamerly";
import { drawSeedingUniforms, seedingTries } from "./plus-plus";

/** Options of a k-means fit; only `k` is required. */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ number of points. */
  readonly k: number;
  /** Independent seedings; the run with the lowest inertia wins. Default 10. */
  readonly nInit?: number;
  /** Cap on centroid updates per run. Default 300. */
  readonly maxIter?: number;
  /**
   * Relative tolerance: a run stops when the summed squared centroid shift of one
   * iteration is at most `tol` times the mean per-coordinate variance of the data
   * (scikit-learn's convention), or when no point changes cluster. Default 1e-4.
   */
  readonly tol?: number;
  /**
   * After the restarts, continue the winning run from its centroids until no point
   * changes cluster (or `maxIter`), so the result is a true local minimum even when the
   * restarts stopped early at `tol`. Default true.
   */
  readonly polish?: boolean;
  /** Seed of the RNG that drives the seedings. Default 0. */
  readonly seed?: number;
  /** One non-negative weight per point (default: all 1). */
  readonly weights?: Float64Array;
  /** Points are unit vectors and centroids are kept on the unit sphere. Default false. */
  readonly spherical?: boolean;
}

/** The best run of a fit; its `iterations` include those of its polishing. */
export interface KMeansResult extends RunResult {
  readonly k: number;
  readonly dim: number;
  /** Centroid updates summed over all `nInit` runs. */
  readonly totalIterations: number;
}

/** Clusters `points` (dim coordinates per row) into `options.k` clusters. */
export function kmeans(points: Float64Array, dim: number, options: KMeansOptions): KMeansResult {
  const { k, weights } = options;
  const n = points.length / dim;
  const nInit = options.nInit ?? 10;
  if (!Number.isInteger(dim) || dim < 1 || !Number.isInteger(n)) {
    throw new RangeError(`points.length ${points.length} is not a multiple of dim ${dim}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be in [1, ${n}]`);
  if (!Number.isInteger(nInit) || nInit < 1) throw new RangeError("nInit must be ≥ 1");
  if (weights && (weights.length !== n || !allFiniteNonNegative(weights))) {
    throw new RangeError("weights must be one finite non-negative number per point");
  }

  // Restart r seeds from the r-th fork of the fit's RNG, each fork drawing the same count.
  const tries = seedingTries(k);
  const perRun = 1 + (k - 1) * tries;
  const uniforms = new Float64Array(nInit * perRun);
  const rng = new Rng(options.seed ?? 0);
  for (let run = 0; run < nInit; run++) {
    drawSeedingUniforms(rng.fork(), uniforms.subarray(run * perRun, (run + 1) * perRun));
  }

  const call = new KernelCall<KMeansKernels>();
  const centroids = call.f64(k * dim);
  const labels = call.i32(n);
  const counts = call.i32(2);
  const inertia = call.run.kmeansFit(
    call.f64(points),
    dim,
    k,
    nInit,
    tries,
    call.f64(uniforms),
    weights ? call.f64(weights) : 0,
    options.maxIter ?? 300,
    options.tol ?? 1e-4,
    options.spherical ? 1 : 0,
    (options.polish ?? true) ? 1 : 0,
    centroids,
    labels,
    counts,
  );
  const [iterations, totalIterations] = call.readI32(counts);
  return {
    centroids: call.readF64(centroids),
    labels: call.readI32(labels),
    inertia,
    iterations: iterations as number,
    k,
    dim,
    totalIterations: totalIterations as number,
  };
}

/** Whether every entry is finite and ≥ 0 (a plain loop: no callback per entry). */
function allFiniteNonNegative(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) return false;
  }
  return true;
}
