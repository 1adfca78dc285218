/**
 * The k-means update step split in two so that it can be distributed: every executor
 * computes `partialSums` over its share of the points against the current centroids, a
 * coordinator merges the shares (shared/sched/kmeans/partial-sums.ts `combinePartials`)
 * and turns them into the next centroids with `centroidsFromSums`. The single-process
 * Lloyd iteration (hamerly.ts) uses the same `centroidsFromSums`, so both forms move
 * centroids identically.
 */
import { squaredDistance } from "./vectors";

/**
 * Assigns each point of the share to its nearest centroid (lowest index on ties) and adds
 * w·x and w to that cluster's entries of `sums` (k·dim) and `clusterWeights` (k), both
 * zeroed by the caller. Returns Σ w·‖x − c‖² over the share.
 */
export function partialSums(
  points: Float64Array,
  dim: i32,
  centroids: Float64Array,
  weights: Float64Array,
  sums: Float64Array,
  clusterWeights: Float64Array,
): f64 {
  const k = centroids.length / dim;
  const n = points.length / dim;
  let inertia: f64 = 0;
  for (let i = 0; i < n; i++) {
    let index = 0;
    let squared = Infinity;
    for (let j = 0; j < k; j++) {
      const s = squaredDistance(points, i, centroids, j, dim);
      if (s < squared) {
        squared = s;
        index = j;
      }
    }
    const w = weights[i];
    clusterWeights[index] += w;
    for (let d = 0; d < dim; d++) sums[index * dim + d] += w * points[i * dim + d];
    inertia += w * squared;
  }
  return inertia;
}

/**
 * Writes the next centroids into `out` (k·dim; may be `previous` itself): the weighted
 * mean of each cluster, scaled back to unit length when `spherical`. A cluster with no
 * weight (or, in spherical mode, a mean at the origin) keeps its previous centroid and is
 * listed in `empty`, in increasing order, for the caller to repair. Returns how many are.
 */
export function centroidsFromSums(
  sums: Float64Array,
  weights: Float64Array,
  previous: Float64Array,
  dim: i32,
  spherical: bool,
  out: Float64Array,
  empty: Int32Array,
): i32 {
  const k = weights.length;
  let count = 0;
  for (let j = 0; j < k; j++) {
    const w = weights[j];
    let scale: f64 = w > 0 ? 1 / w : 0;
    if (scale > 0 && spherical) {
      let norm2: f64 = 0;
      for (let d = 0; d < dim; d++) {
        const x = sums[j * dim + d];
        norm2 += x * x;
      }
      scale = norm2 > 0 ? 1 / sqrt(norm2) : 0;
    }
    if (scale === 0) {
      for (let d = 0; d < dim; d++) out[j * dim + d] = previous[j * dim + d];
      empty[count++] = j;
      continue;
    }
    for (let d = 0; d < dim; d++) out[j * dim + d] = sums[j * dim + d] * scale;
  }
  return count;
}
