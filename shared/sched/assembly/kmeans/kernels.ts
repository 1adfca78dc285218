/**
 * The k-means kernels JavaScript calls (shared/sched/kmeans/ wraps each in one
 * KernelCall). Arrays arrive as heap pointers; several outputs go into arrays the caller
 * allocated, scalars into a small Float64Array. A null weights array means all weights 1.
 */
import { candidateGains } from "./candidate-gains";
import { fitKMeans } from "./fit";
import { hamerlyRun } from "./hamerly";
import { partialSums } from "./partial-sums";
import { plusPlusSeed, SeedBuffers } from "./plus-plus";
import { unitWeights } from "./vectors";

/**
 * A whole fit (fit.ts). Writes the winner's centroids (k·dim) and labels (n) into
 * `centroidsOut` and `labelsOut`, [iterations, totalIterations] into `counts`; returns the
 * winner's inertia.
 */
export function kmeansFit(
  points: Float64Array,
  dim: i32,
  k: i32,
  nInit: i32,
  tries: i32,
  uniforms: Float64Array,
  weights: Float64Array | null,
  maxIter: i32,
  tol: f64,
  spherical: bool,
  polish: bool,
  centroidsOut: Float64Array,
  labelsOut: Int32Array,
  counts: Int32Array,
): f64 {
  const n = points.length / dim;
  const w = weights ? weights : unitWeights(n);
  const result = fitKMeans(
    points,
    dim,
    k,
    nInit,
    tries,
    uniforms,
    w,
    maxIter,
    tol,
    spherical,
    polish,
  );
  centroidsOut.set(result.best.centroids);
  labelsOut.set(result.best.labels);
  counts[0] = result.best.iterations;
  counts[1] = result.totalIterations;
  return result.best.inertia;
}

/**
 * One k-means++ seeding (plus-plus.ts) into `centroids` (k·dim) and the buffers `labels`,
 * `closest`, `cumulative` (n each, overwritten), drawing with uniforms[0 ...]; returns
 * the seeding's Σ w·closest.
 */
export function kmeansSeed(
  points: Float64Array,
  dim: i32,
  k: i32,
  tries: i32,
  uniforms: Float64Array,
  weights: Float64Array | null,
  centroids: Float64Array,
  labels: Int32Array,
  closest: Float64Array,
  cumulative: Float64Array,
): f64 {
  const n = points.length / dim;
  const w = weights ? weights : unitWeights(n);
  const buffers = new SeedBuffers(labels, closest, cumulative);
  return plusPlusSeed(points, dim, k, tries, uniforms, 0, w, buffers, centroids);
}

/**
 * One run from plain initial centroids (hamerly.ts). Writes its centroids and labels into
 * `centroidsOut` (k·dim) and `labelsOut` (n), its iterations into counts[0]; returns its
 * inertia.
 */
export function kmeansRun(
  points: Float64Array,
  dim: i32,
  initial: Float64Array,
  weights: Float64Array | null,
  maxIter: i32,
  shiftTolerance: f64,
  spherical: bool,
  centroidsOut: Float64Array,
  labelsOut: Int32Array,
  counts: Int32Array,
): f64 {
  const n = points.length / dim;
  const w = weights ? weights : unitWeights(n);
  const bounds = new Float64Array(2 * n);
  const taken = new Uint8Array(n);
  const result = hamerlyRun(
    points,
    dim,
    initial,
    null,
    null,
    maxIter,
    shiftTolerance,
    spherical,
    w,
    bounds,
    taken,
  );
  centroidsOut.set(result.centroids);
  labelsOut.set(result.labels);
  counts[0] = result.iterations;
  return result.inertia;
}

/** The gains of the k-means++ candidates `rows` (tries·dim; candidate-gains.ts). */
export function kmeansCandidateGains(
  points: Float64Array,
  dim: i32,
  rows: Float64Array,
  tries: i32,
  closest: Float64Array,
  weights: Float64Array,
): Float64Array {
  const gains = new Float64Array(tries);
  candidateGains(points, dim, rows, closest, weights, gains);
  return gains;
}

/**
 * Partial sums of a share (partial-sums.ts) into `sums` and `clusterWeights` (zeroed);
 * returns the share's inertia.
 */
export function kmeansPartialSums(
  points: Float64Array,
  dim: i32,
  centroids: Float64Array,
  weights: Float64Array | null,
  sums: Float64Array,
  clusterWeights: Float64Array,
): f64 {
  const n = points.length / dim;
  const w = weights ? weights : unitWeights(n);
  return partialSums(points, dim, centroids, w, sums, clusterWeights);
}

/**
 * Next centroids from cluster sums (partial-sums.ts) into `out`; the empty clusters into
 * `empty` (k entries); returns their number.
 */
export { centroidsFromSums as kmeansCentroidsFromSums } from "./partial-sums";
