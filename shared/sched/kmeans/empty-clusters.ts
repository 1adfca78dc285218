/**
 * Cluster bookkeeping shared by the Lloyd iteration: moving a point's weight between
 * cluster sums, and relocating empty clusters.
 */
import { centroidsFromSums } from "./partial-sums";
import { squaredDistance, weightOf } from "./vectors";

/** Adds w·x_i to the sums of cluster j (a negative w removes it). */
export function addPoint(
  points: Float64Array,
  i: number,
  dim: number,
  w: number,
  j: number,
  sums: Float64Array,
  clusterWeights: Float64Array,
): void {
  clusterWeights[j] = (clusterWeights[j] as number) + w;
  for (let d = 0; d < dim; d++) {
    sums[j * dim + d] = (sums[j * dim + d] as number) + w * (points[i * dim + d] as number);
  }
}

/**
 * Gives each empty cluster a point: the one farthest from its own centroid among those
 * whose cluster keeps other weight, moved with its sums, as scikit-learn relocates empty
 * clusters. Centroids of the clusters that lose a point are recomputed in `centroids`.
 */
export function repairEmpty(
  empty: readonly number[],
  points: Float64Array,
  dim: number,
  weights: Float64Array | undefined,
  labels: Int32Array,
  centroids: Float64Array,
  sums: Float64Array,
  clusterWeights: Float64Array,
  spherical: boolean,
): void {
  const n = labels.length;
  const taken = new Uint8Array(n);
  for (const j of empty) {
    let far = -1;
    let farDistance = -1;
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number;
      const w = weightOf(weights, i);
      if (taken[i] || w <= 0 || (clusterWeights[a] as number) - w <= 0) continue;
      const s = squaredDistance(points, i, centroids, a, dim);
      if (s > farDistance) {
        farDistance = s;
        far = i;
      }
    }
    if (far < 0) continue;
    const from = labels[far] as number;
    const w = weightOf(weights, far);
    taken[far] = 1;
    addPoint(points, far, dim, -w, from, sums, clusterWeights);
    addPoint(points, far, dim, w, j, sums, clusterWeights);
    labels[far] = j;
  }
  centroidsFromSums(sums, clusterWeights, centroids, dim, spherical, centroids);
}
