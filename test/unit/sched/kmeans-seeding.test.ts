import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { candidateGains } from "../../../shared/sched/kmeans/candidate-gains";
import { plusPlusSeed, seedBuffers } from "../../../shared/sched/kmeans/plus-plus";
import { KernelAbort } from "../../../shared/sched/wasm/kernels";

function randomRows(rng: Rng, n: number, dim: number): Float64Array {
  return Float64Array.from({ length: n * dim }, () => rng.range(-20, 20) + rng.next());
}

describe("k-means++ candidate gains", () => {
  it("match a direct sum for every candidate count and dimension, blocks of four included", () => {
    const rng = new Rng(21);
    for (const dim of [1, 2, 3, 5]) {
      const n = 301;
      const points = randomRows(rng, n, dim);
      const weights = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : rng.next()));
      const closest = Float64Array.from({ length: n }, () => rng.range(0, 400 * dim));
      for (let tries = 1; tries <= 9; tries++) {
        const rows = randomRows(rng, tries, dim);
        const gains = new Float64Array(tries);
        candidateGains(points, dim, rows, closest, weights, gains);
        for (let t = 0; t < tries; t++) {
          let expected = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let d = 0; d < dim; d++) {
              s += ((points[i * dim + d] as number) - (rows[t * dim + d] as number)) ** 2;
            }
            expected += (weights[i] as number) * Math.max(0, (closest[i] as number) - s);
          }
          expect(expected).toBeGreaterThan(0);
          expect(gains[t]).toBeCloseTo(expected, 6);
        }
      }
    }
  });

  it("aborts instead of reading past points or weights shorter than the distances", () => {
    const rng = new Rng(23);
    const points = randomRows(rng, 100, 3);
    const rows = randomRows(rng, 4, 3);
    const weights = new Float64Array(100).fill(1);
    expect(() =>
      candidateGains(points, 3, rows, new Float64Array(101), weights, new Float64Array(4)),
    ).toThrow(KernelAbort);
    expect(() =>
      candidateGains(
        points,
        3,
        rows,
        new Float64Array(100),
        weights.subarray(1),
        new Float64Array(4),
      ),
    ).toThrow(KernelAbort);
  });

  it("gives the same seeding in reused buffers as in fresh ones", () => {
    const rng = new Rng(22);
    const points = randomRows(rng, 3_000, 2);
    const buffers = seedBuffers(3_000);
    // Dirty the buffers with another seeding first: nothing of it may leak into the next.
    plusPlusSeed(points, 2, 20, new Rng(1), undefined, buffers);
    const reused = plusPlusSeed(points, 2, 9, new Rng(2), undefined, buffers);
    const fresh = plusPlusSeed(points, 2, 9, new Rng(2));
    expect(Array.from(reused.centroids)).toEqual(Array.from(fresh.centroids));
    expect(Array.from(reused.labels)).toEqual(Array.from(fresh.labels));
    expect(Array.from(reused.closest)).toEqual(Array.from(fresh.closest));
    expect(reused.labels).toBe(buffers.labels);
  });
});
