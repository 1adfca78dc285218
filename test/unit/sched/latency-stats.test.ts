import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { weightedMean, weightedQuantile } from "../../../shared/sched/placement/latency-stats";

/** The definition, checked value by value: the least v whose weight at or below reaches q. */
function quantileByDefinition(values: Float64Array, weights: Float64Array, q: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let best = Number.POSITIVE_INFINITY;
  for (const v of values) {
    let below = 0;
    for (let i = 0; i < values.length; i++)
      if ((values[i] as number) <= v) below += weights[i] as number;
    if (below >= q * total && v < best) best = v;
  }
  return best;
}

describe("demand-weighted latency summaries", () => {
  it("finds the weighted quantile the definition gives, ties and fractional weights included", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.int(60);
      const values = Float64Array.from({ length: n }, () => rng.int(12) * 2.5);
      const weights = Float64Array.from({ length: n }, () =>
        trial % 2 ? 1 + rng.int(3) : 0.1 + rng.next(),
      );
      for (const q of [0, 0.5, 0.95, 1]) {
        expect(weightedQuantile(values, weights, q)).toBe(quantileByDefinition(values, weights, q));
      }
    }
  });

  it("takes the nearest-rank percentile when every weight is equal", () => {
    const values = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    const weights = new Float64Array(20).fill(2);
    expect(weightedQuantile(values, weights, 0.95)).toBe(19);
    expect(weightedQuantile(values, weights, 0.5)).toBe(10);
    expect(weightedQuantile(new Float64Array(0), new Float64Array(0), 0.95)).toBe(0);
  });

  it("weights the mean by demand", () => {
    expect(weightedMean(Float64Array.of(10, 40), Float64Array.of(3, 1))).toBe(17.5);
    expect(weightedMean(new Float64Array(0), new Float64Array(0))).toBe(0);
  });
});
