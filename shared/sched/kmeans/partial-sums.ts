/**
 * The k-means update step split in two so that it can be distributed: every executor
 * computes `partialSums` over its share of the points against the current centroids, a
 * coordinator merges the shares with `combinePartials` and turns them into the next
 * centroids with `centroidsFromSums`. The single-process Lloyd iteration uses the same
 * `centroidsFromSums` kernel (shared/sched/assembly/kmeans/partial-sums.ts), so both
 * forms move centroids identically.
 */
import { KernelCall } from "../wasm/heap";
import type { KMeansKernels } from "../wasm/kmeans-kernels";

/** Per-cluster weighted coordinate sums and weights of a share of the points. */
export interface PartialSums {
  readonly k: number;
  readonly dim: number;
  /** k·dim entries: Σ w·x over the points nearest to each centroid. */
  readonly sums: Float64Array;
  /** k entries: Σ w over the points nearest to each centroid. */
  readonly weights: Float64Array;
  /** Σ w·‖x − c‖² over the share, against the centroids the share was assigned to. */
  readonly inertia: number;
  /** Number of points in the share. */
  readonly count: number;
}

/**
 * Assigns each point of the share to its nearest centroid and sums per cluster.
 * `points` has `dim` coordinates per row; `weights` (optional) one weight per row.
 */
export function partialSums(
  points: Float64Array,
  dim: number,
  centroids: Float64Array,
  weights?: Float64Array,
): PartialSums {
  const k = centroids.length / dim;
  const call = new KernelCall<KMeansKernels>();
  const sums = call.f64(k * dim);
  const clusterWeights = call.f64(k);
  const inertia = call.run.kmeansPartialSums(
    call.f64(points),
    dim,
    call.f64(centroids),
    weights ? call.f64(weights) : 0,
    sums,
    clusterWeights,
  );
  return {
    k,
    dim,
    sums: call.readF64(sums),
    weights: call.readF64(clusterWeights),
    inertia,
    count: points.length / dim,
  };
}

/** Merges partial sums computed against the same centroids (at least one share). */
export function combinePartials(parts: readonly PartialSums[]): PartialSums {
  const first = parts[0];
  if (!first) throw new Error("combinePartials needs at least one share");
  const { k, dim } = first;
  const sums = new Float64Array(k * dim);
  const weights = new Float64Array(k);
  let inertia = 0;
  let count = 0;
  for (const part of parts) {
    if (part.k !== k || part.dim !== dim) throw new Error("partial sums of different shapes");
    for (let x = 0; x < sums.length; x++) sums[x] = (sums[x] as number) + (part.sums[x] as number);
    for (let j = 0; j < k; j++) weights[j] = (weights[j] as number) + (part.weights[j] as number);
    inertia += part.inertia;
    count += part.count;
  }
  return { k, dim, sums, weights, inertia, count };
}

/**
 * Writes the next centroids into `out` (k·dim): the weighted mean of each cluster, scaled
 * back to unit length when `spherical`. A cluster with no weight (or, in spherical mode,
 * a mean at the origin) keeps its previous centroid and is returned in the list of empty
 * clusters for the caller to repair.
 */
export function centroidsFromSums(
  sums: Float64Array,
  weights: Float64Array,
  previous: Float64Array,
  dim: number,
  spherical: boolean,
  out: Float64Array,
): number[] {
  const call = new KernelCall<KMeansKernels>();
  const next = call.f64(out.length);
  const empty = call.i32(weights.length);
  const count = call.run.kmeansCentroidsFromSums(
    call.f64(sums),
    call.f64(weights),
    call.f64(previous),
    dim,
    spherical ? 1 : 0,
    next,
    empty,
  );
  out.set(call.readF64(next));
  return Array.from(call.readI32(empty).subarray(0, count));
}
