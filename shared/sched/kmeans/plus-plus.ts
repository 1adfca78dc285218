/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy variant that
 * scikit-learn uses): the first centre is drawn with probability proportional to weight;
 * each further centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
 * proportional to w·D², where D is the distance to the nearest centre chosen so far,
 * "best" meaning the candidate that leaves the smallest total w·D². Points are kept
 * grouped by nearest centre (seed-clusters.ts), so scoring a candidate and adding a centre
 * only visit the groups near it.
 */
import type { Rng } from "../../sim/rng";
import { SeedClusters } from "./seed-clusters";
import { weightOf } from "./vectors";

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
  const clusters = new SeedClusters(points, dim, k, weights);
  clusters.first(firstCentre(n, rng, weights));

  const tries = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(tries);
  for (let c = 1; c < k; c++) {
    const potential = clusters.total();
    for (let t = 0; t < tries; t++) {
      candidates[t] = potential > 0 ? clusters.pick(rng.next() * potential) : rng.int(n);
    }
    let chosen = candidates[0] as number;
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t < tries; t++) {
      const candidate = candidates[t] as number;
      const score = clusters.potentialWith(candidate);
      if (score < best) {
        best = score;
        chosen = candidate;
      }
    }
    clusters.add(chosen);
  }
  return { centroids: clusters.centres, labels: clusters.labels, closest: clusters.closest };
}

/** A point drawn with probability proportional to its weight. */
function firstCentre(n: number, rng: Rng, weights: Float64Array | undefined): number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weightOf(weights, i);
    cumulative[i] = total;
  }
  return rng.weightedIndex(cumulative, total);
}
