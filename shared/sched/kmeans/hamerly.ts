/**
 * One k-means run from given initial centroids: Lloyd's iteration accelerated with
 * Hamerly's bounds, as the fit runs it (the kernel and its reasoning:
 * shared/sched/assembly/kmeans/hamerly.ts). Reachable on its own for checks against plain
 * Lloyd iterations.
 */
import { KernelCall } from "../wasm/heap";
import type { KMeansKernels } from "../wasm/kmeans-kernels";

/** Stopping rules and geometry of one run. */
export interface RunOptions {
  readonly maxIter: number;
  /** Stop once the summed squared centroid shift of an iteration is at most this. */
  readonly shiftTolerance: number;
  /** Renormalise centroids to unit length (points are unit vectors). */
  readonly spherical: boolean;
}

/** The outcome of one run. */
export interface RunResult {
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  /** Number of centroid updates performed. */
  readonly iterations: number;
}

/** Runs accelerated Lloyd iterations from `initial` (k·dim centroids, not modified). */
export function hamerlyRun(
  points: Float64Array,
  dim: number,
  initial: Float64Array,
  options: RunOptions,
  weights?: Float64Array,
): RunResult {
  const call = new KernelCall<KMeansKernels>();
  const centroids = call.f64(initial.length);
  const labels = call.i32(points.length / dim);
  const counts = call.i32(1);
  const inertia = call.run.kmeansRun(
    call.f64(points),
    dim,
    call.f64(initial),
    weights ? call.f64(weights) : 0,
    options.maxIter,
    options.shiftTolerance,
    options.spherical ? 1 : 0,
    centroids,
    labels,
    counts,
  );
  return {
    centroids: call.readF64(centroids),
    labels: call.readI32(labels),
    inertia,
    iterations: call.readI32(counts)[0] as number,
  };
}
