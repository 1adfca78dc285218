/** Demand-weighted summaries of per-job latencies. */

/** Σ w·x / Σ w. */
export function weightedMean(values: Float64Array, weights: Float64Array): number {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    total += (values[i] as number) * (weights[i] as number);
    weight += weights[i] as number;
  }
  return weight > 0 ? total / weight : 0;
}

/**
 * The smallest value v such that jobs with latency ≤ v carry at least fraction q of the
 * total weight (q = 0.95 for p95).
 *
 * Found by binary search over the sorted values, each probe summing the weight at or below
 * it: O(n log n) with the engine's native numeric sort, and no comparator callback or
 * per-element allocation — in a fresh isolate a comparator sort of 1,000 indices ran in the
 * interpreter and was one of the dearer parts of a placement's summary.
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  if (allEqual(weights)) return sorted[Math.max(0, Math.ceil(q * n) - 1)] as number;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] as number;
  const wanted = q * total;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (weightAtOrBelow(values, weights, sorted[mid] as number) >= wanted) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo] as number;
}

/** Σ of the weights of the values ≤ `limit`. */
function weightAtOrBelow(values: Float64Array, weights: Float64Array, limit: number): number {
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) <= limit) weight += weights[i] as number;
  }
  return weight;
}

function allEqual(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
