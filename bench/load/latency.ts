/**
 * Latency samples kept whole (a closed-loop run of a few seconds records tens of thousands,
 * which sort in milliseconds), so percentiles are exact rather than bucketed.
 */

/** Percentiles of a set of latencies, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile: the smallest sample such that at least `q` of all samples
 * are ≤ it. `sorted` must be in ascending order; an empty set gives 0.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** Collects latencies and summarises them. */
export class LatencyRecorder {
  /** Every recorded latency in ms, in arrival order; only ever appended to. */
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const total = sorted.reduce((sum, ms) => sum + ms, 0);
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      count: sorted.length,
      mean: round(sorted.length ? total / sorted.length : 0),
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0),
    };
  }
}
