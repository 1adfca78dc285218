/** Summary statistics for the DHT figures. */

export interface Summary {
  mean: number;
  p1: number;
  p99: number;
}

/** Mean and the 1st/99th percentiles (nearest rank) of a non-empty sample. */
export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { mean: sum / sorted.length, p1: at(0.01), p99: at(0.99) };
}

export function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
