/**
 * The k-means kernels of shared/sched/assembly/kmeans/kernels.ts as JavaScript sees them:
 * arrays are heap pointers from a KernelCall (0 for "no weights": all 1), booleans are
 * 0 or 1. shared/sched/kmeans/ wraps each in one KernelCall.
 */
import type { Kernel } from "./kernels";

/** Exports used by shared/sched/kmeans/. */
export interface KMeansKernels extends Record<string, Kernel> {
  /** A whole fit; writes centroids, labels and [iterations, totalIterations]; returns inertia. */
  kmeansFit(
    points: number,
    dim: number,
    k: number,
    nInit: number,
    tries: number,
    uniforms: number,
    weights: number,
    maxIter: number,
    tol: number,
    spherical: number,
    polish: number,
    centroidsOut: number,
    labelsOut: number,
    counts: number,
  ): number;
  /** One seeding into centroids and the three buffers; returns its Σ w·closest. */
  kmeansSeed(
    points: number,
    dim: number,
    k: number,
    tries: number,
    uniforms: number,
    weights: number,
    centroids: number,
    labels: number,
    closest: number,
    cumulative: number,
  ): number;
  /** One run from plain centroids; writes centroids, labels, [iterations]; returns inertia. */
  kmeansRun(
    points: number,
    dim: number,
    initial: number,
    weights: number,
    maxIter: number,
    shiftTolerance: number,
    spherical: number,
    centroidsOut: number,
    labelsOut: number,
    counts: number,
  ): number;
  /** Gains of `tries` candidate rows; returns a Float64Array pointer. */
  kmeansCandidateGains(
    points: number,
    dim: number,
    rows: number,
    tries: number,
    closest: number,
    weights: number,
  ): number;
  /** Partial sums of a share into sums and clusterWeights; returns the share's inertia. */
  kmeansPartialSums(
    points: number,
    dim: number,
    centroids: number,
    weights: number,
    sums: number,
    clusterWeights: number,
  ): number;
  /** Next centroids into out, empty clusters into empty; returns how many are empty. */
  kmeansCentroidsFromSums(
    sums: number,
    weights: number,
    previous: number,
    dim: number,
    spherical: number,
    out: number,
    empty: number,
  ): number;
}
