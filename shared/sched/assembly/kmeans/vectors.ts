/**
 * Row-major point sets: point i of dimension `dim` occupies `dim` consecutive entries of a
 * Float64Array starting at i·dim. Every k-means step measures with `squaredDistance`.
 */

/**
 * Squared Euclidean distance between row `i` of `a` and row `j` of `b`, summed over the
 * coordinates in order. Dimensions 2 and 3 (plane and globe) are written out: it is the
 * innermost operation of every k-means step. They give the bits of the general loop, whose
 * first addition is to an exact 0.
 */
export function squaredDistance(a: Float64Array, i: i32, b: Float64Array, j: i32, dim: i32): f64 {
  const ai = i * dim;
  const bj = j * dim;
  if (dim === 2 || dim === 3) {
    const dx = unchecked(a[ai]) - unchecked(b[bj]);
    const dy = unchecked(a[ai + 1]) - unchecked(b[bj + 1]);
    if (dim === 2) return dx * dx + dy * dy;
    const dz = unchecked(a[ai + 2]) - unchecked(b[bj + 2]);
    return dx * dx + dy * dy + dz * dz;
  }
  let sum: f64 = 0;
  for (let d = 0; d < dim; d++) {
    const diff = unchecked(a[ai + d]) - unchecked(b[bj + d]);
    sum += diff * diff;
  }
  return sum;
}

/** Copies row i of `from` into row j of `to`. */
export function copyRow(from: Float64Array, i: i32, to: Float64Array, j: i32, dim: i32): void {
  for (let d = 0; d < dim; d++) to[j * dim + d] = from[i * dim + d];
}

/** The weights of an unweighted set: all 1 (1·x is x, so the sums are those of no weights). */
export function unitWeights(n: i32): Float64Array {
  const weights = new Float64Array(n);
  weights.fill(1);
  return weights;
}

/** a[i] = v without a bounds check: for hot loops whose callers assert the sizes. */
export function setF64(a: Float64Array, i: i32, v: f64): void {
  // biome-ignore lint/suspicious/noAssignInExpressions: AssemblyScript's unchecked store.
  unchecked((a[i] = v));
}

/** a[i] = v without a bounds check: for hot loops whose callers assert the sizes. */
export function setI32(a: Int32Array, i: i32, v: i32): void {
  // biome-ignore lint/suspicious/noAssignInExpressions: AssemblyScript's unchecked store.
  unchecked((a[i] = v));
}
