/**
 * Latency samples kept whole (a closed-loop run of a few seconds records tens of thousands,
 * which sort in milliseconds), so percentiles are exact rather than bucketed.
 */
import { mean, percentile } from "../../shared/stats";
import { round } from "../report";

/** Percentiles of a set of latencies, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
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
    const samples = this.samples;
    return {
      count: samples.length,
      mean: round(mean(samples)),
      p50: round(percentile(samples, 50)),
      p90: round(percentile(samples, 90)),
      p99: round(percentile(samples, 99)),
      max: round(percentile(samples, 100)),
    };
  }
}
