/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant that
 * scikit-learn uses): the first centre is drawn with probability proportional to weight;
 * each further centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
 * proportional to w·D², where D is the distance to the nearest centre chosen so far,
 * "best" meaning the candidate that leaves the smallest total w·D².
 */
import type { Rng } from "../../sim/rng";
import { candidateGains } from "./candidate-gains";
import { squaredDistance, unitWeights } from "./vectors";

/** A seeding, with what it learned about every point on the way. */
export interface Seeding {
  /** k·dim entries, copies of input rows. */
  readonly centroids: Float64Array;
  /** labels[i] = index of the centroid nearest to point i (lowest index on ties). */
  readonly labels: Int32Array;
  /** closest[i] = squared distance from point i to that centroid. */
  readonly closest: Float64Array;
}

/** Chooses k initial centroids (k·dim entries, copies of input rows). Requires n ≥ 1. */
export function plusPlusInit(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
): Float64Array {
  return plusPlusSeed(points, dim, k, rng, weights).centroids;
}

/**
 * n-sized arrays a fit hands to every seeding of its restarts instead of allocating them
 * again; a seeding overwrites all three.
 */
export interface SeedBuffers {
  readonly labels: Int32Array;
  readonly closest: Float64Array;
  /** Running sums of w·closest: the table the weighted draws search. */
  readonly cumulative: Float64Array;
}

/** Fresh buffers for seeding n points. */
export function seedBuffers(n: number): SeedBuffers {
  return {
    labels: new Int32Array(n),
    closest: new Float64Array(n),
    cumulative: new Float64Array(n),
  };
}

/**
 * `plusPlusInit` returning also each point's nearest centroid and squared distance, in
 * `buffers` when given (the returned labels and closest are then those arrays).
 */
export function plusPlusSeed(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
  buffers?: SeedBuffers,
): Seeding {
  const n = points.length / dim;
  const { labels, closest, cumulative } = buffers ?? seedBuffers(n);
  const centroids = new Float64Array(k * dim);
  const w = weights ?? unitWeights(n);

  closest.fill(1);
  copyRow(
    points,
    rng.weightedIndex(cumulative, accumulate(cumulative, closest, w)),
    centroids,
    0,
    dim,
  );
  closest.fill(Number.POSITIVE_INFINITY);
  let potential = takeCentre(points, dim, centroids, 0, closest, labels, cumulative, w);

  const tries = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(tries);
  const gains = new Float64Array(tries);
  const candidateRows = new Float64Array(tries * dim);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < tries; t++) {
      candidates[t] = potential > 0 ? rng.weightedIndex(cumulative, potential) : rng.int(n);
      copyRow(points, candidates[t] as number, candidateRows, t, dim);
    }
    candidateGains(points, dim, candidateRows, closest, w, gains);
    let chosen = 0;
    for (let t = 1; t < tries; t++) {
      if ((gains[t] as number) > (gains[chosen] as number)) chosen = t;
    }
    copyRow(points, candidates[chosen] as number, centroids, c, dim);
    potential = takeCentre(points, dim, centroids, c, closest, labels, cumulative, w);
  }
  return { centroids, labels, closest };
}

/**
 * Lowers `closest` to the squared distance to centre c (and labels the point c) where that
 * is nearer, fills `cumulative` with the running sum of w·closest for the next draw, and
 * returns the total.
 */
function takeCentre(
  points: Float64Array,
  dim: number,
  centroids: Float64Array,
  c: number,
  closest: Float64Array,
  labels: Int32Array,
  cumulative: Float64Array,
  weights: Float64Array,
): number {
  const n = closest.length;
  const cx = centroids[c * dim] as number;
  const cy = centroids[c * dim + 1] as number;
  const cz = dim === 3 ? (centroids[c * dim + 2] as number) : 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let d: number;
    if (dim === 2) {
      const u = (points[2 * i] as number) - cx;
      const v = (points[2 * i + 1] as number) - cy;
      d = u * u + v * v;
    } else if (dim === 3) {
      const u = (points[3 * i] as number) - cx;
      const v = (points[3 * i + 1] as number) - cy;
      const q = (points[3 * i + 2] as number) - cz;
      d = u * u + v * v + q * q;
    } else {
      d = squaredDistance(points, i, centroids, c, dim);
    }
    let s = closest[i] as number;
    if (d < s) {
      s = d;
      closest[i] = d;
      labels[i] = c;
    }
    total += (weights[i] as number) * s;
    cumulative[i] = total;
  }
  return total;
}
/** Fills `cumulative` with the running sum of w·score and returns the total. */
function accumulate(cumulative: Float64Array, score: Float64Array, weights: Float64Array): number {
  let total = 0;
  for (let i = 0; i < score.length; i++) {
    total += (weights[i] as number) * (score[i] as number);
    cumulative[i] = total;
  }
  return total;
}

function copyRow(from: Float64Array, i: number, to: Float64Array, j: number, dim: number): void {
  for (let d = 0; d < dim; d++) to[j * dim + d] = from[i * dim + d] as number;
}
