/**
 * The k-means update step split in two so that it can be distributed: every executor
 * computes `partialSums` over its share of the points against the current centroids, a
 * coordinator merges the shares with `combinePartials` and turns them into the next
 * centroids with `centroidsFromSums`. The single-process Lloyd iteration uses the same
 * `centroidsFromSums`, so both forms move centroids identically.
 */
import { nearestCentroid, weightOf } from "./vectors";

/** Per-cluster weighted coordinate sums and weights of a share of the points. */
export interface PartialSums {
  readonly k: number;
  readonly dim: number;
  /** k·dim entries: Σ w·x over the points nearest to each centroid. */
  readonly sums: Float64Array;
  /** k entries: Σ w over the points nearest to each centroid. */
  readonly weights: Float64Array;
  /** Σ w·‖x − c‖² over the share, against the centroids the share was assigned to. */
  readonly inertia: number;
  /** Number of points in the share. */
  readonly count: number;
}

/**
 * Assigns each point of the share to its nearest centroid and sums per cluster.
 * `points` has `dim` coordinates per row; `weights` (optional) one weight per row.
 */
export function partialSums(
  points: Float64Array,
  dim: number,
  centroids: Float64Array,
  weights?: Float64Array,
): PartialSums {
  const k = centroids.length / dim;
  const n = points.length / dim;
  const sums = new Float64Array(k * dim);
  const clusterWeights = new Float64Array(k);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const { index, squared } = nearestCentroid(points, i, centroids, k, dim);
    const w = weightOf(weights, i);
    clusterWeights[index] = (clusterWeights[index] as number) + w;
    for (let d = 0; d < dim; d++) {
      sums[index * dim + d] =
        (sums[index * dim + d] as number) + w * (points[i * dim + d] as number);
    }
    inertia += w * squared;
  }
  return { k, dim, sums, weights: clusterWeights, inertia, count: n };
}

/** Merges partial sums computed against the same centroids (at least one share). */
export function combinePartials(parts: readonly PartialSums[]): PartialSums {
  const first = parts[0];
  if (!first) throw new Error("combinePartials needs at least one share");
  const { k, dim } = first;
  const sums = new Float64Array(k * dim);
  const weights = new Float64Array(k);
  let inertia = 0;
  let count = 0;
  for (const part of parts) {
    if (part.k !== k || part.dim !== dim) throw new Error("partial sums of different shapes");
    for (let x = 0; x < sums.length; x++) sums[x] = (sums[x] as number) + (part.sums[x] as number);
    for (let j = 0; j < k; j++) weights[j] = (weights[j] as number) + (part.weights[j] as number);
    inertia += part.inertia;
    count += part.count;
  }
  return { k, dim, sums, weights, inertia, count };
}

/**
 * Writes the next centroids into `out` (k·dim): the weighted mean of each cluster, scaled
 * back to unit length when `spherical`. A cluster with no weight (or, in spherical mode,
 * a mean at the origin) keeps its previous centroid and is returned in the list of empty
 * clusters for the caller to repair.
 */
export function centroidsFromSums(
  sums: Float64Array,
  weights: Float64Array,
  previous: Float64Array,
  dim: number,
  spherical: boolean,
  out: Float64Array,
): number[] {
  const k = weights.length;
  const empty: number[] = [];
  for (let j = 0; j < k; j++) {
    const w = weights[j] as number;
    let scale = w > 0 ? 1 / w : 0;
    if (scale > 0 && spherical) {
      let norm2 = 0;
      for (let d = 0; d < dim; d++) norm2 += (sums[j * dim + d] as number) ** 2;
      scale = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
    }
    if (scale === 0) {
      for (let d = 0; d < dim; d++) out[j * dim + d] = previous[j * dim + d] as number;
      empty.push(j);
      continue;
    }
    for (let d = 0; d < dim; d++) out[j * dim + d] = (sums[j * dim + d] as number) * scale;
  }
  return empty;
}
