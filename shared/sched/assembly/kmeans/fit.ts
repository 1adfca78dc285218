/**
 * k-means on a row-major Float64Array of points: greedy k-means++ seeding, Hamerly-
 * accelerated Lloyd iterations, weighted points, `nInit` restarts keeping the lowest
 * inertia, then an optional polish of the winner. The same input and uniforms always give
 * the same result, bit for bit the result of the TypeScript implementation this replaced
 * (the same IEEE operations in the same order; `sqrt`, `abs` and `floor` are the Wasm
 * instructions, exact as JavaScript's Math ones are). shared/sched/kmeans/kmeans.ts is
 * the public API: it validates the options and draws the uniforms.
 */
import { hamerlyRun, RunResult } from "./hamerly";
import { plusPlusSeed, SeedBuffers } from "./plus-plus";

/** The winning run of a fit; its `iterations` include those of its polishing. */
export class FitResult {
  constructor(
    readonly best: RunResult,
    /** Centroid updates summed over all `nInit` runs and the polish. */
    readonly totalIterations: i32,
  ) {}
}

/**
 * Clusters `points` (dim coordinates per row, n rows) into k clusters with `nInit`
 * restarts; restart r seeds with uniforms[r·perRun ...] where perRun = 1 + (k − 1)·tries.
 * A restart stops once the summed squared centroid shift of an iteration is at most
 * `tol` times the mean per-coordinate variance of the data (scikit-learn's convention),
 * when no point changes cluster, or at `maxIter` updates. With `polish`, the winning run
 * is continued from its centroids until no point changes cluster (or `maxIter`), and kept
 * if its inertia is no worse, so the result is a true local minimum even when the
 * restarts stopped early at `tol`.
 */
export function fitKMeans(
  points: Float64Array,
  dim: i32,
  k: i32,
  nInit: i32,
  tries: i32,
  uniforms: Float64Array,
  weights: Float64Array,
  maxIter: i32,
  tol: f64,
  spherical: bool,
  polish: bool,
): FitResult {
  const n = points.length / dim;
  const shiftTolerance = tol * meanVariance(points, dim, n);
  const perRun = 1 + (k - 1) * tries;
  // Every restart seeds and iterates in the same n-sized arrays; only a new best is copied.
  const buffers = SeedBuffers.fresh(n);
  const bounds = new Float64Array(2 * n);
  const taken = new Uint8Array(n);
  const centroids = new Float64Array(k * dim);
  let best: RunResult | null = null;
  let totalIterations = 0;
  for (let run = 0; run < nInit; run++) {
    plusPlusSeed(points, dim, k, tries, uniforms, run * perRun, weights, buffers, centroids);
    const result = hamerlyRun(
      points,
      dim,
      centroids,
      buffers.labels,
      buffers.closest,
      maxIter,
      shiftTolerance,
      spherical,
      weights,
      bounds,
      taken,
    );
    totalIterations += result.iterations;
    if (best == null || result.inertia < best.inertia) {
      best = new RunResult(
        result.centroids,
        result.labels.slice(),
        result.inertia,
        result.iterations,
      );
    }
  }
  let winner = changetype<RunResult>(best);
  if (polish) {
    const polished = hamerlyRun(
      points,
      dim,
      winner.centroids,
      null,
      null,
      maxIter,
      -1,
      spherical,
      weights,
      bounds,
      taken,
    );
    totalIterations += polished.iterations;
    if (polished.inertia <= winner.inertia) {
      winner = new RunResult(
        polished.centroids,
        polished.labels,
        polished.inertia,
        winner.iterations + polished.iterations,
      );
    }
  }
  return new FitResult(winner, totalIterations);
}

/** Mean over coordinates of the (unweighted) variance of each coordinate. */
function meanVariance(points: Float64Array, dim: i32, n: i32): f64 {
  let total: f64 = 0;
  for (let d = 0; d < dim; d++) {
    let mean: f64 = 0;
    for (let i = 0; i < n; i++) mean += unchecked(points[i * dim + d]);
    mean /= n;
    let variance: f64 = 0;
    for (let i = 0; i < n; i++) {
      const x = unchecked(points[i * dim + d]) - mean;
      variance += x * x;
    }
    total += variance / n;
  }
  return total / dim;
}
