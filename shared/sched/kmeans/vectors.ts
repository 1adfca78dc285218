/**
 * Row-major point sets: point i of dimension `dim` occupies `dim` consecutive entries of a
 * Float64Array starting at i·dim. Small helpers shared by the k-means steps.
 */

/**
 * Squared Euclidean distance between row `i` of `a` and row `j` of `b`. Dimensions 2 and 3
 * (plane and globe) are written out: it is the innermost operation of every k-means step.
 */
export function squaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  dim: number,
): number {
  const ai = i * dim;
  const bj = j * dim;
  if (dim === 2 || dim === 3) {
    const dx = (a[ai] as number) - (b[bj] as number);
    const dy = (a[ai + 1] as number) - (b[bj + 1] as number);
    if (dim === 2) return dx * dx + dy * dy;
    const dz = (a[ai + 2] as number) - (b[bj + 2] as number);
    return dx * dx + dy * dy + dz * dz;
  }
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = (a[ai + d] as number) - (b[bj + d] as number);
    sum += diff * diff;
  }
  return sum;
}

/** Index of the centroid nearest to point `i`, and the squared distance to it. */
export function nearestCentroid(
  points: Float64Array,
  i: number,
  centroids: Float64Array,
  k: number,
  dim: number,
): { index: number; squared: number } {
  let index = 0;
  let squared = Number.POSITIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const s = squaredDistance(points, i, centroids, j, dim);
    if (s < squared) {
      squared = s;
      index = j;
    }
  }
  return { index, squared };
}

/** Weight of point i: 1 when the set is unweighted. */
export function weightOf(weights: Float64Array | undefined, i: number): number {
  return weights ? (weights[i] as number) : 1;
}

/**
 * The weights of an unweighted set: all 1. The hot loops read one weight per point
 * unconditionally rather than branch on a missing array: V8 keeps deoptimising a loop
 * whose never-taken branch reads an array it has no type feedback for.
 */
export function unitWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
