/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant that
 * scikit-learn uses): the first centre is drawn with probability proportional to weight;
 * each further centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
 * proportional to w·D², where D is the distance to the nearest centre chosen so far,
 * "best" meaning the candidate that leaves the smallest total w·D². All candidates are
 * scored in one pass over the points, the dominant loop of the seeding.
 */
import type { Rng } from "../../sim/rng";
import { squaredDistance, weightOf } from "./vectors";

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

/** `plusPlusInit` returning also each point's nearest centroid and squared distance. */
export function plusPlusSeed(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
): Seeding {
  const n = points.length / dim;
  const centroids = new Float64Array(k * dim);
  const cumulative = new Float64Array(n);
  const closest = new Float64Array(n);
  const labels = new Int32Array(n);

  closest.fill(1);
  copyRow(
    points,
    rng.weightedIndex(cumulative, accumulate(cumulative, closest, weights)),
    centroids,
    0,
    dim,
  );
  closest.fill(Number.POSITIVE_INFINITY);
  let potential = takeCentre(points, dim, centroids, 0, closest, labels, cumulative, weights);

  const tries = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(tries);
  const potentials = new Float64Array(tries);
  const candidateRows = new Float64Array(tries * dim);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < tries; t++) {
      candidates[t] = potential > 0 ? rng.weightedIndex(cumulative, potential) : rng.int(n);
      copyRow(points, candidates[t] as number, candidateRows, t, dim);
    }
    scoreCandidates(points, dim, candidateRows, closest, weights, potentials);
    let chosen = 0;
    for (let t = 1; t < tries; t++) {
      if ((potentials[t] as number) < (potentials[chosen] as number)) chosen = t;
    }
    copyRow(points, candidates[chosen] as number, centroids, c, dim);
    potential = takeCentre(points, dim, centroids, c, closest, labels, cumulative, weights);
  }
  return { centroids, labels, closest };
}

/**
 * potentials[t] = Σ w·min(closest, D²(·, row t of `rows`)): the total each candidate would
 * leave as the next centre. The plane and the globe (dim 2 and 3) are written out.
 */
function scoreCandidates(
  points: Float64Array,
  dim: number,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array | undefined,
  potentials: Float64Array,
): void {
  const tries = potentials.length;
  const n = closest.length;
  potentials.fill(0);
  for (let i = 0; i < n; i++) {
    const own = closest[i] as number;
    const w = weightOf(weights, i);
    const x = points[i * dim] as number;
    const y = points[i * dim + 1] as number;
    if (dim === 2) {
      for (let t = 0; t < tries; t++) {
        const dx = x - (rows[2 * t] as number);
        const dy = y - (rows[2 * t + 1] as number);
        const s = dx * dx + dy * dy;
        potentials[t] = (potentials[t] as number) + w * (s < own ? s : own);
      }
    } else if (dim === 3) {
      const z = points[i * 3 + 2] as number;
      for (let t = 0; t < tries; t++) {
        const dx = x - (rows[3 * t] as number);
        const dy = y - (rows[3 * t + 1] as number);
        const dz = z - (rows[3 * t + 2] as number);
        const s = dx * dx + dy * dy + dz * dz;
        potentials[t] = (potentials[t] as number) + w * (s < own ? s : own);
      }
    } else {
      for (let t = 0; t < tries; t++) {
        const s = squaredDistance(points, i, rows, t, dim);
        potentials[t] = (potentials[t] as number) + w * (s < own ? s : own);
      }
    }
  }
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
  weights: Float64Array | undefined,
): number {
  let total = 0;
  for (let i = 0; i < closest.length; i++) {
    const d = squaredDistance(points, i, centroids, c, dim);
    if (d < (closest[i] as number)) {
      closest[i] = d;
      labels[i] = c;
    }
    const s = closest[i] as number;
    total += weightOf(weights, i) * s;
    cumulative[i] = total;
  }
  return total;
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

function copyRow(from: Float64Array, i: number, to: Float64Array, j: number, dim: number): void {
  for (let d = 0; d < dim; d++) to[j * dim + d] = from[i * dim + d] as number;
}
