/** Summary statistics for the DHT figures. */
import { mean, percentile } from "../../shared/stats";

export interface Summary {
  mean: number;
  p1: number;
  p99: number;
}

/** Mean and the 1st/99th percentiles (nearest rank) of a non-empty sample. */
export function summarize(values: number[]): Summary {
  return { mean: mean(values), p1: percentile(values, 1), p99: percentile(values, 99) };
}
