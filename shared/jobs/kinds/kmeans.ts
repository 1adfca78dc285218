/**
 * `kmeans`: distributed Lloyd iteration. The coordinator seeds centroids with k-means++,
 * then every iteration each share of the points (at a peer executor) returns per-cluster
 * partial sums against the current centroids, and the coordinator combines them into the
 * next centroids — the data-parallel form of the algorithm.
 * Input `{ "points": number[][], "k": n, "maxIterations"?, "tolerance"?, "seed"? }`.
 */

import { Rng } from "../../rng";
import {
  centroidsFromSums,
  combinePartials,
  type PartialSums,
  partialSums,
} from "../../sched/kmeans/partial-sums";
import { plusPlusInit } from "../../sched/kmeans/plus-plus";
import { matrixAt, numberAt, objectAt, splitEvenly } from "./input";
import { iterationBudget, type JobKind } from "./job-kind";

/** Bounds of a kmeans job. */
export const KMEANS_JOB_LIMITS = {
  maxPoints: 20_000,
  maxDims: 16,
  maxK: 64,
  maxIterations: 300,
} as const;

interface KMeansJobInput {
  points: number[][];
  k: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
}

interface KMeansShare {
  points: Float64Array;
  dim: number;
}

interface KMeansJobOutput {
  centroids: number[][];
  sizes: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
  shares: number;
}

export const kmeansKind: JobKind<KMeansJobInput, KMeansJobOutput> = {
  name: "kmeans",
  description: "k-means of input.points into input.k clusters, Lloyd steps split across executors",
  parse(raw) {
    const input = objectAt(raw, "input");
    const points = matrixAt(
      input.points,
      "input.points",
      KMEANS_JOB_LIMITS.maxPoints,
      KMEANS_JOB_LIMITS.maxDims,
    );
    return {
      points,
      k: numberAt(input.k, "input.k", {
        min: 1,
        max: Math.min(KMEANS_JOB_LIMITS.maxK, points.length),
        integer: true,
      }),
      maxIterations: numberAt(input.maxIterations, "input.maxIterations", {
        min: 1,
        max: KMEANS_JOB_LIMITS.maxIterations,
        integer: true,
        fallback: 100,
      }),
      tolerance: numberAt(input.tolerance, "input.tolerance", { min: 0, max: 1e6, fallback: 1e-8 }),
      seed: numberAt(input.seed, "input.seed", {
        min: 0,
        max: 2 ** 32 - 1,
        integer: true,
        fallback: 0,
      }),
    };
  },
  async run(input, context) {
    const dim = input.points[0]?.length ?? 0;
    const all = Float64Array.from(input.points.flat());
    const shares = splitEvenly(input.points, context.parallelism).map(
      (rows): KMeansShare => ({ points: Float64Array.from(rows.flat()), dim }),
    );
    const sharded = context.shard(shares);
    let centroids = plusPlusInit(all, dim, input.k, new Rng(input.seed));
    const limit = Math.min(input.maxIterations, iterationBudget(sharded.size) - 1);
    let iterations = 0;
    let converged = false;
    let last: PartialSums | undefined;
    while (iterations < limit && !converged) {
      last = combinePartials((await sharded.map({ centroids })) as PartialSums[]);
      const next = new Float64Array(centroids.length);
      centroidsFromSums(last.sums, last.weights, centroids, dim, false, next);
      converged = maxShift(centroids, next, dim) <= input.tolerance;
      centroids = next;
      iterations++;
    }
    last = combinePartials((await sharded.map({ centroids })) as PartialSums[]);
    return {
      centroids: Array.from({ length: input.k }, (_, j) =>
        Array.from(centroids.subarray(j * dim, (j + 1) * dim)),
      ),
      sizes: Array.from(last.weights),
      inertia: last.inertia,
      iterations,
      converged,
      shares: sharded.size,
    };
  },
  partial(share, params) {
    const { points, dim } = share as KMeansShare;
    return partialSums(points, dim, (params as { centroids: Float64Array }).centroids);
  },
};

/** Largest squared distance any centroid moved. */
function maxShift(before: Float64Array, after: Float64Array, dim: number): number {
  let worst = 0;
  for (let j = 0; j < before.length / dim; j++) {
    let squared = 0;
    for (let d = 0; d < dim; d++)
      squared += ((after[j * dim + d] as number) - (before[j * dim + d] as number)) ** 2;
    worst = Math.max(worst, squared);
  }
  return worst;
}
