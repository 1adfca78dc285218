/**
 * k-means on a row-major Float64Array of points: greedy k-means++ seeding with a seeded
 * RNG, Hamerly-accelerated Lloyd iterations, weighted points, `nInit` restarts keeping the
 * lowest inertia. The same seed and input always give the same result.
 */
import { Rng } from "../../sim/rng";
import { hamerlyRun, type RunResult } from "./hamerly";
import { plusPlusSeed, seedBuffers } from "./plus-plus";
import { unitWeights } from "./vectors";

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
  if (weights && (weights.length !== n || !weights.every((w) => w >= 0 && w < Infinity))) {
    throw new RangeError("weights must be one finite non-negative number per point");
  }

  const runOptions = {
    maxIter: options.maxIter ?? 300,
    shiftTolerance: (options.tol ?? 1e-4) * meanVariance(points, dim, n),
    spherical: options.spherical ?? false,
  };
  const rng = new Rng(options.seed ?? 0);
  // Every restart seeds and iterates in the same n-sized arrays; only a new best is copied.
  const buffers = seedBuffers(n);
  const pointWeights = weights ?? unitWeights(n);
  const bounds = new Float64Array(2 * n);
  let best: RunResult | undefined;
  let totalIterations = 0;
  for (let run = 0; run < nInit; run++) {
    const seeding = plusPlusSeed(points, dim, k, rng.fork(), pointWeights, buffers);
    const result = hamerlyRun(points, dim, seeding, runOptions, pointWeights, bounds);
    totalIterations += result.iterations;
    if (!best || result.inertia < best.inertia) {
      best = { ...result, labels: Int32Array.from(result.labels) };
    }
  }
  if (best && (options.polish ?? true)) {
    const polished = hamerlyRun(
      points,
      dim,
      best.centroids,
      { ...runOptions, shiftTolerance: -1 },
      pointWeights,
      bounds,
    );
    totalIterations += polished.iterations;
    if (polished.inertia <= best.inertia) {
      best = { ...polished, iterations: best.iterations + polished.iterations };
    }
  }
  return { ...(best as RunResult), k, dim, totalIterations };
}

/** Mean over coordinates of the (unweighted) variance of each coordinate. */
function meanVariance(points: Float64Array, dim: number, n: number): number {
  let total = 0;
  for (let d = 0; d < dim; d++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += points[i * dim + d] as number;
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += ((points[i * dim + d] as number) - mean) ** 2;
    total += variance / n;
  }
  return total / dim;
}
