import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { hamerlyRun } from "../../../shared/sched/kmeans/hamerly";
import { kmeans } from "../../../shared/sched/kmeans/kmeans";
import {
  centroidsFromSums,
  combinePartials,
  partialSums,
} from "../../../shared/sched/kmeans/partial-sums";
import { plusPlusInit, plusPlusSeed } from "../../../shared/sched/kmeans/plus-plus";
import { KernelAbort } from "../../../shared/sched/wasm/kernels";

function randomPoints(rng: Rng, n: number, dim: number): Float64Array {
  return Float64Array.from({ length: n * dim }, () => rng.range(-50, 50) + rng.next());
}

/** The lowest inertia over every labelling of n points into k clusters. */
function bruteForceInertia(
  points: Float64Array,
  dim: number,
  k: number,
  weights?: Float64Array,
): number {
  const n = points.length / dim;
  const labels = new Int32Array(n);
  let best = Number.POSITIVE_INFINITY;
  for (let code = 0; code < k ** n; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      labels[i] = c % k;
      c = Math.floor(c / k);
    }
    let inertia = 0;
    for (let j = 0; j < k; j++) {
      let w = 0;
      const mean = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        if (labels[i] !== j) continue;
        const wi = weights ? (weights[i] as number) : 1;
        w += wi;
        for (let d = 0; d < dim; d++)
          mean[d] = (mean[d] as number) + wi * (points[i * dim + d] as number);
      }
      if (w === 0) continue;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== j) continue;
        const wi = weights ? (weights[i] as number) : 1;
        for (let d = 0; d < dim; d++)
          inertia += wi * ((points[i * dim + d] as number) - (mean[d] as number) / w) ** 2;
      }
    }
    best = Math.min(best, inertia);
  }
  return best;
}

describe("k-means", () => {
  it("finds the brute-force optimum on tiny random sets", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 12; trial++) {
      const k = 2 + (trial % 2);
      const n = k === 2 ? 10 : 8;
      const points = randomPoints(rng, n, 2);
      const optimum = bruteForceInertia(points, 2, k);
      const fit = kmeans(points, 2, { k, nInit: 10, seed: trial });
      expect(fit.inertia).toBeLessThanOrEqual(optimum * (1 + 1e-9) + 1e-9);
    }
  });

  it("finds the brute-force optimum with weighted points given enough restarts", () => {
    const rng = new Rng(12);
    for (let trial = 0; trial < 6; trial++) {
      const points = randomPoints(rng, 8, 2);
      const weights = Float64Array.from({ length: 8 }, () => 1 + rng.int(5));
      const optimum = bruteForceInertia(points, 2, 3, weights);
      const fit = kmeans(points, 2, { k: 3, nInit: 100, seed: trial, weights });
      expect(fit.inertia).toBeLessThanOrEqual(optimum * (1 + 1e-9) + 1e-9);
    }
  });

  it("treats an integer weight like that many copies of the point", () => {
    const rng = new Rng(3);
    const points = randomPoints(rng, 30, 2);
    const weights = Float64Array.from({ length: 30 }, (_, i) => (i % 3) + 1);
    const copies: number[] = [];
    for (let i = 0; i < 30; i++) {
      for (let c = 0; c < (weights[i] as number); c++)
        copies.push(points[2 * i] as number, points[2 * i + 1] as number);
    }
    const weighted = kmeans(points, 2, { k: 4, nInit: 20, seed: 1, weights });
    const copied = kmeans(Float64Array.from(copies), 2, { k: 4, nInit: 20, seed: 1 });
    expect(weighted.inertia).toBeCloseTo(copied.inertia, 6);
  });

  it("gives identical results for the same seed and explores differently for another", () => {
    const points = randomPoints(new Rng(5), 500, 3);
    const a = kmeans(points, 3, { k: 6, nInit: 3, seed: 42 });
    const b = kmeans(points, 3, { k: 6, nInit: 3, seed: 42 });
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    const seeds = new Set(
      [1, 2, 3, 4].map((s) => Array.from(plusPlusInit(points, 3, 6, new Rng(s))).join()),
    );
    expect(seeds.size).toBe(4);
  });

  it("seeds with every point labelled by its nearest chosen centre, as the runs expect", () => {
    const rng = new Rng(9);
    for (const dim of [2, 3]) {
      const points = randomPoints(rng, 2_000, dim);
      const weights = Float64Array.from({ length: 2_000 }, (_, i) =>
        i % 7 === 0 ? 0 : rng.next(),
      );
      const k = 12;
      const seeding = plusPlusSeed(points, dim, k, new Rng(dim), weights);
      for (let i = 0; i < 2_000; i++) {
        let best = 0;
        let squared = Number.POSITIVE_INFINITY;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let d = 0; d < dim; d++)
            s +=
              ((points[i * dim + d] as number) - (seeding.centroids[j * dim + d] as number)) ** 2;
          if (s < squared) {
            squared = s;
            best = j;
          }
        }
        expect(seeding.labels[i]).toBe(best);
        expect(seeding.closest[i]).toBeCloseTo(squared, 9);
      }
      const rows = new Set(
        Array.from({ length: 2_000 }, (_, i) =>
          Array.from(points.subarray(i * dim, i * dim + dim)).join(),
        ),
      );
      for (let j = 0; j < k; j++)
        expect(
          rows.has(Array.from(seeding.centroids.subarray(j * dim, j * dim + dim)).join()),
        ).toBe(true);
      expect(new Set(seeding.labels).size).toBe(k);
    }
  });

  it("reaches the same fixed point as plain Lloyd iterations built from partial sums", () => {
    const rng = new Rng(8);
    const points = randomPoints(rng, 2000, 2);
    const weights = Float64Array.from({ length: 2000 }, () => 0.5 + rng.next());
    const initial = plusPlusInit(points, 2, 7, new Rng(1), weights);
    const fast = hamerlyRun(
      points,
      2,
      initial,
      { maxIter: 500, shiftTolerance: -1, spherical: false },
      weights,
    );

    let centroids = Float64Array.from(initial);
    for (let iter = 0; iter < 500; iter++) {
      const shares = [0, 1, 2].map((s) => {
        const from = Math.floor((2000 * s) / 3);
        const to = Math.floor((2000 * (s + 1)) / 3);
        return partialSums(
          points.subarray(from * 2, to * 2),
          2,
          centroids,
          weights.subarray(from, to),
        );
      });
      const total = combinePartials(shares);
      const next = new Float64Array(centroids.length);
      expect(centroidsFromSums(total.sums, total.weights, centroids, 2, false, next)).toEqual([]);
      const moved = next.some((v, x) => Math.abs(v - (centroids[x] as number)) > 1e-12);
      centroids = next;
      if (!moved) break;
    }
    for (let x = 0; x < centroids.length; x++)
      expect(fast.centroids[x]).toBeCloseTo(centroids[x] as number, 9);
    expect(partialSums(points, 2, centroids, weights).inertia).toBeCloseTo(fast.inertia, 6);
  });

  it("combines partial sums exactly like one pass over all points", () => {
    const points = randomPoints(new Rng(9), 300, 3);
    const centroids = points.slice(0, 12);
    const whole = partialSums(points, 3, centroids);
    const split = combinePartials([
      partialSums(points.subarray(0, 300), 3, centroids),
      partialSums(points.subarray(300), 3, centroids),
    ]);
    expect(split.count).toBe(300);
    expect(split.inertia).toBeCloseTo(whole.inertia, 6);
    for (let x = 0; x < whole.sums.length; x++)
      expect(split.sums[x]).toBeCloseTo(whole.sums[x] as number, 8);
    expect(Array.from(split.weights)).toEqual(Array.from(whole.weights));
    expect(() => combinePartials([])).toThrow();
  });

  it("repairs empty clusters and still uses every distinct point", () => {
    const points = Float64Array.from([0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 20, 0, 20, 0, 20, 0]);
    const fit = kmeans(points, 2, { k: 3, nInit: 4, seed: 0 });
    expect(fit.inertia).toBe(0);
    expect(new Set(fit.labels).size).toBe(3);
    const tooMany = kmeans(points, 2, { k: 4, nInit: 2, seed: 0 });
    expect(tooMany.inertia).toBe(0);
    expect(tooMany.centroids.every(Number.isFinite)).toBe(true);
  });

  it("stops at the iteration cap", () => {
    const points = randomPoints(new Rng(10), 3000, 2);
    const fit = kmeans(points, 2, { k: 10, nInit: 3, maxIter: 2, seed: 0, polish: false });
    expect(fit.iterations).toBeLessThanOrEqual(2);
    expect(fit.totalIterations).toBeLessThanOrEqual(6);
  });

  it("polishing never leaves a worse inertia than the early-stopped restarts", () => {
    const points = randomPoints(new Rng(14), 5000, 2);
    const rough = kmeans(points, 2, { k: 8, nInit: 3, seed: 2, tol: 1e-2, polish: false });
    const polished = kmeans(points, 2, { k: 8, nInit: 3, seed: 2, tol: 1e-2 });
    expect(polished.inertia).toBeLessThanOrEqual(rough.inertia);
  });

  it("rejects impossible requests", () => {
    const points = randomPoints(new Rng(1), 5, 2);
    expect(() => kmeans(points, 2, { k: 6 })).toThrow(RangeError);
    expect(() => kmeans(points, 2, { k: 0 })).toThrow(RangeError);
    expect(() => kmeans(points, 3, { k: 2 })).toThrow(RangeError);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const weights = Float64Array.of(1, 1, 1, 1, bad);
      expect(() => kmeans(points, 2, { k: 2, weights })).toThrow(RangeError);
    }
    expect(() => kmeans(points, 2, { k: 2, weights: Float64Array.of(1, 1) })).toThrow(RangeError);
    expect(kmeans(points, 2, { k: 2, weights: Float64Array.of(0, 1, 1, 1, 1) }).k).toBe(2);
  });

  it("aborts a run whose arrays do not fit together instead of reading past them", () => {
    const points = randomPoints(new Rng(2), 50, 2);
    const options = { maxIter: 10, shiftTolerance: -1, spherical: false };
    expect(() => hamerlyRun(points, 2, Float64Array.of(1, 2, 3), options)).toThrow(KernelAbort);
    expect(() => hamerlyRun(points, 2, points.slice(0, 4), options, new Float64Array(49))).toThrow(
      KernelAbort,
    );
    expect(
      hamerlyRun(points, 2, points.slice(0, 4), options, new Float64Array(50).fill(1)).labels,
    ).toHaveLength(50);
  });
});
