/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant that
 * scikit-learn uses): the first centre is drawn with probability proportional to weight;
 * each further centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
 * proportional to w·D², where D is the distance to the nearest centre chosen so far,
 * "best" meaning the candidate that leaves the smallest total w·D².
 */
import type { Rng } from "../../sim/rng";
import { squaredDistance, weightOf } from "./vectors";

/** Chooses k initial centroids (k·dim entries, copies of input rows). Requires n ≥ 1. */
export function plusPlusInit(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
): Float64Array {
  const n = points.length / dim;
  const centroids = new Float64Array(k * dim);
  const cumulative = new Float64Array(n);
  const closest = new Float64Array(n);

  closest.fill(1);
  copyRow(
    points,
    pick(cumulative, accumulate(cumulative, closest, weights), rng),
    centroids,
    0,
    dim,
  );
  let potential = 0;
  for (let i = 0; i < n; i++) {
    const s = squaredDistance(points, i, centroids, 0, dim);
    closest[i] = s;
    potential += weightOf(weights, i) * s;
  }

  const tries = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(tries);
  const potentials = new Float64Array(tries);
  for (let c = 1; c < k; c++) {
    const total = potential > 0 ? accumulate(cumulative, closest, weights) : 0;
    for (let t = 0; t < tries; t++)
      candidates[t] = total > 0 ? pick(cumulative, total, rng) : rng.int(n);
    for (let t = 0; t < tries; t++) {
      const candidate = candidates[t] as number;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const s = squaredDistance(points, i, points, candidate, dim);
        const own = closest[i] as number;
        sum += weightOf(weights, i) * (s < own ? s : own);
      }
      potentials[t] = sum;
    }
    let chosen = 0;
    for (let t = 1; t < tries; t++) {
      if ((potentials[t] as number) < (potentials[chosen] as number)) chosen = t;
    }
    copyRow(points, candidates[chosen] as number, centroids, c, dim);
    potential = 0;
    for (let i = 0; i < n; i++) {
      const s = Math.min(closest[i] as number, squaredDistance(points, i, centroids, c, dim));
      closest[i] = s;
      potential += weightOf(weights, i) * s;
    }
  }
  return centroids;
}

/** Fills `cumulative` with the running sum of w·score and returns the total. */
function accumulate(
  cumulative: Float64Array,
  score: Float64Array,
  weights: Float64Array | undefined,
): number {
  let total = 0;
  for (let i = 0; i < score.length; i++) {
    total += weightOf(weights, i) * (score[i] as number);
    cumulative[i] = total;
  }
  return total;
}

/** Draws an index with probability proportional to its increment in `cumulative`. */
function pick(cumulative: Float64Array, total: number, rng: Rng): number {
  const target = rng.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function copyRow(from: Float64Array, i: number, to: Float64Array, j: number, dim: number): void {
  for (let d = 0; d < dim; d++) to[j * dim + d] = from[i * dim + d] as number;
}
