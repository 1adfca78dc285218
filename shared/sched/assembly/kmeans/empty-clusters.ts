/**
 * Cluster bookkeeping of the Lloyd iteration: moving a point's weight between cluster
 * sums, and relocating empty clusters.
 */
import { centroidsFromSums } from "./partial-sums";
import { setF64, squaredDistance } from "./vectors";

/** Adds w·x_i to the sums of cluster j (a negative w removes it). */
export function addPoint(
  points: Float64Array,
  i: i32,
  dim: i32,
  w: f64,
  j: i32,
  sums: Float64Array,
  clusterWeights: Float64Array,
): void {
  setF64(clusterWeights, j, unchecked(clusterWeights[j]) + w);
  for (let d = 0; d < dim; d++) {
    setF64(sums, j * dim + d, unchecked(sums[j * dim + d]) + w * unchecked(points[i * dim + d]));
  }
}

/**
 * Gives each of the `count` empty clusters listed in `empty` a point: the one farthest
 * from its own centroid among those whose cluster keeps other weight (and not given to an
 * earlier empty cluster), moved with its sums, as scikit-learn relocates empty clusters.
 * Centroids of the clusters that lose a point are then recomputed in `centroids`.
 * `taken` (n entries) is scratch; `empty` may be overwritten.
 */
export function repairEmpty(
  empty: Int32Array,
  count: i32,
  points: Float64Array,
  dim: i32,
  weights: Float64Array,
  labels: Int32Array,
  centroids: Float64Array,
  sums: Float64Array,
  clusterWeights: Float64Array,
  spherical: bool,
  taken: Uint8Array,
): void {
  const n = labels.length;
  taken.fill(0);
  for (let e = 0; e < count; e++) {
    const j = empty[e];
    let far = -1;
    let farDistance: f64 = -1;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const w = weights[i];
      if (taken[i] || w <= 0 || clusterWeights[a] - w <= 0) continue;
      const s = squaredDistance(points, i, centroids, a, dim);
      if (s > farDistance) {
        farDistance = s;
        far = i;
      }
    }
    if (far < 0) continue;
    const from = labels[far];
    const w = weights[far];
    taken[far] = 1;
    addPoint(points, far, dim, -w, from, sums, clusterWeights);
    addPoint(points, far, dim, w, j, sums, clusterWeights);
    labels[far] = j;
  }
  centroidsFromSums(sums, clusterWeights, centroids, dim, spherical, centroids, empty);
}
