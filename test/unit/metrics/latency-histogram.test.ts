import { describe, expect, it } from "vitest";
import {
  addDuration,
  bucketOf,
  type Histogram,
  MAX_BUCKET,
  MIN_BUCKET,
  mergeHistogram,
  QUANTILE_ERROR,
  quantile,
} from "../../../shared/metrics/latency-histogram";
import { Rng } from "../../../shared/rng";

describe("a log-scale latency histogram", () => {
  it("answers quantiles within its stated error", () => {
    const rng = new Rng(7);
    const samples = Array.from({ length: 5000 }, () => 0.5 + 200 * rng.next() ** 3);
    const h: Histogram = {};
    for (const ms of samples) addDuration(h, ms);
    const sorted = [...samples].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] ?? 0;
      const answered = quantile(h, q) ?? 0;
      expect(Math.abs(answered / exact - 1)).toBeLessThanOrEqual(QUANTILE_ERROR + 1e-9);
    }
  });

  it("clamps durations outside its range to the end buckets", () => {
    expect(bucketOf(0)).toBe(MIN_BUCKET);
    expect(bucketOf(-3)).toBe(MIN_BUCKET);
    expect(bucketOf(Number.NaN)).toBe(MIN_BUCKET);
    expect(bucketOf(1e9)).toBe(MAX_BUCKET);
  });

  it("merges by adding counts, skipping buckets out of range and counts that are not whole", () => {
    const into: Histogram = {};
    addDuration(into, 10, 2);
    mergeHistogram(into, { [bucketOf(10)]: 3, [MAX_BUCKET + 1]: 5, [bucketOf(1)]: 1.5 });
    expect(into).toEqual({ [bucketOf(10)]: 5 });
  });

  it("has no quantile when it counts nothing", () => {
    expect(quantile({}, 0.5)).toBeNull();
  });
});
