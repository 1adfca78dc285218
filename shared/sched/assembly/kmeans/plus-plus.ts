/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant that
 * scikit-learn uses): the first centre is drawn with probability proportional to weight;
 * each further centre is the best of `tries` (2 + ⌊ln k⌋) candidates drawn with probability
 * proportional to w·D², where D is the distance to the nearest centre chosen so far,
 * "best" meaning the candidate that leaves the smallest total w·D².
 *
 * Randomness comes in from outside as uniforms in [0, 1): a seeding uses exactly
 * 1 + (k − 1)·tries of them, one per draw, in order (shared/sched/kmeans/plus-plus.ts
 * draws them from the caller's Rng). A draw maps its uniform u as Rng.weightedIndex and
 * Rng.int do, so a seeding picks the rows the Rng itself would have picked.
 */
import { candidateGains } from "./candidate-gains";
import { copyRow, setF64, setI32, squaredDistance } from "./vectors";

/**
 * n-sized working arrays of a seeding, shared by the restarts of a fit; a seeding
 * overwrites all three, and its labels and closest are what it learned about every point.
 */
export class SeedBuffers {
  /** labels[i] = index of the centroid nearest to point i (lowest index on ties). */
  readonly labels: Int32Array;
  /** closest[i] = squared distance from point i to that centroid. */
  readonly closest: Float64Array;
  /** Running sums of w·closest: the table the weighted draws search. */
  readonly cumulative: Float64Array;

  constructor(labels: Int32Array, closest: Float64Array, cumulative: Float64Array) {
    this.labels = labels;
    this.closest = closest;
    this.cumulative = cumulative;
  }

  /** Fresh buffers for seeding n points. */
  static fresh(n: i32): SeedBuffers {
    return new SeedBuffers(new Int32Array(n), new Float64Array(n), new Float64Array(n));
  }
}

/**
 * Writes k chosen rows of `points` into `centroids` (k·dim) and fills `buffers`, drawing
 * with uniforms[at], uniforms[at + 1], ... Returns the final Σ w·closest. Requires n ≥ 1.
 */
export function plusPlusSeed(
  points: Float64Array,
  dim: i32,
  k: i32,
  tries: i32,
  uniforms: Float64Array,
  at: i32,
  weights: Float64Array,
  buffers: SeedBuffers,
  centroids: Float64Array,
): f64 {
  const n = points.length / dim;
  const labels = buffers.labels;
  const closest = buffers.closest;
  const cumulative = buffers.cumulative;
  // The loops below index unchecked, within these sizes.
  assert(weights.length >= n && labels.length === n && closest.length === n);
  assert(cumulative.length === n && centroids.length >= k * dim);
  let draw = at;

  closest.fill(1);
  const all = accumulate(cumulative, closest, weights);
  copyRow(points, weightedIndex(cumulative, all, uniforms[draw++]), centroids, 0, dim);
  closest.fill(Infinity);
  let potential = takeCentre(points, dim, centroids, 0, closest, labels, cumulative, weights);

  const candidates = new Int32Array(tries);
  const gains = new Float64Array(tries);
  const candidateRows = new Float64Array(tries * dim);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < tries; t++) {
      const u = uniforms[draw++];
      candidates[t] =
        potential > 0 ? weightedIndex(cumulative, potential, u) : <i32>floor(u * <f64>n);
      copyRow(points, candidates[t], candidateRows, t, dim);
    }
    candidateGains(points, dim, candidateRows, closest, weights, gains);
    let chosen = 0;
    for (let t = 1; t < tries; t++) {
      if (gains[t] > gains[chosen]) chosen = t;
    }
    copyRow(points, candidates[chosen], centroids, c, dim);
    potential = takeCentre(points, dim, centroids, c, closest, labels, cumulative, weights);
  }
  return potential;
}

/**
 * The index drawn by uniform u with probability proportional to its increment in
 * `cumulative` (non-decreasing running totals ending at `total`): the first index whose
 * running total exceeds u·total, by the binary search of Rng.weightedIndex.
 */
function weightedIndex(cumulative: Float64Array, total: f64, u: f64): i32 {
  const target = u * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Lowers `closest` to the squared distance to centre c (and labels the point c) where that
 * is nearer, fills `cumulative` with the running sum of w·closest for the next draw, and
 * returns the total.
 */
function takeCentre(
  points: Float64Array,
  dim: i32,
  centroids: Float64Array,
  c: i32,
  closest: Float64Array,
  labels: Int32Array,
  cumulative: Float64Array,
  weights: Float64Array,
): f64 {
  const n = closest.length;
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = squaredDistance(points, i, centroids, c, dim);
    let s = unchecked(closest[i]);
    if (d < s) {
      s = d;
      setF64(closest, i, d);
      setI32(labels, i, c);
    }
    total += unchecked(weights[i]) * s;
    setF64(cumulative, i, total);
  }
  return total;
}

/** Fills `cumulative` with the running sum of w·score and returns the total. */
function accumulate(cumulative: Float64Array, score: Float64Array, weights: Float64Array): f64 {
  let total: f64 = 0;
  for (let i = 0; i < score.length; i++) {
    total += unchecked(weights[i]) * unchecked(score[i]);
    setF64(cumulative, i, total);
  }
  return total;
}
