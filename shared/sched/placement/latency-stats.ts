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
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, q: number): number {
  if (values.length > 0 && weights.every((w) => w === weights[0])) {
    const sorted = Float64Array.from(values).sort();
    return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
  }
  const order = Array.from({ length: values.length }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  let seen = 0;
  for (const i of order) {
    seen += weights[i] as number;
    if (seen >= q * total) return values[i] as number;
  }
  return order.length > 0 ? (values[order[order.length - 1] as number] as number) : 0;
}
