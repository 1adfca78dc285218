/**
 * Greedy k-means++ seeding (the kernel and its reasoning: shared/sched/assembly/kmeans/
 * plus-plus.ts). The kernel takes its randomness as uniforms in [0, 1), one per draw;
 * here they are drawn from the caller's Rng, so a seeding consumes from the Rng exactly
 * what it would if it drew itself.
 */
import type { Rng } from "../../rng";
import { KernelCall } from "../wasm/heap";
import type { KMeansKernels } from "../wasm/kmeans-kernels";

/** A seeding, with what it learned about every point on the way. */
export interface Seeding {
  /** k·dim entries, copies of input rows. */
  readonly centroids: Float64Array;
  /** labels[i] = index of the centroid nearest to point i (lowest index on ties). */
  readonly labels: Int32Array;
  /** closest[i] = squared distance from point i to that centroid. */
  readonly closest: Float64Array;
}

/** Chooses k initial centroids (k·dim entries, copies of input rows). Requires n ≥ 1. */
export function plusPlusInit(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
): Float64Array {
  return plusPlusSeed(points, dim, k, rng, weights).centroids;
}

/** n-sized arrays for a seeding to write its labels and closest into (and scratch). */
export interface SeedBuffers {
  readonly labels: Int32Array;
  readonly closest: Float64Array;
  /** Running sums of w·closest: the table the weighted draws search. */
  readonly cumulative: Float64Array;
}

/** Fresh buffers for seeding n points. */
export function seedBuffers(n: number): SeedBuffers {
  return {
    labels: new Int32Array(n),
    closest: new Float64Array(n),
    cumulative: new Float64Array(n),
  };
}

/** Candidates drawn per centre after the first: 2 + ⌊ln k⌋. */
export function seedingTries(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** Fills `out` with uniforms from `rng`: a seeding of k centres needs 1 + (k − 1)·tries. */
export function drawSeedingUniforms(rng: Rng, out: Float64Array): void {
  for (let u = 0; u < out.length; u++) out[u] = rng.next();
}

/**
 * `plusPlusInit` returning also each point's nearest centroid and squared distance. With
 * `buffers`, the seeding runs in their contents (it must overwrite all three) and the
 * returned labels and closest are those arrays.
 */
export function plusPlusSeed(
  points: Float64Array,
  dim: number,
  k: number,
  rng: Rng,
  weights?: Float64Array,
  buffers?: SeedBuffers,
): Seeding {
  const n = points.length / dim;
  const tries = seedingTries(k);
  const uniforms = new Float64Array(1 + (k - 1) * tries);
  drawSeedingUniforms(rng, uniforms);
  const call = new KernelCall<KMeansKernels>();
  const centroids = call.f64(k * dim);
  const labels = call.i32(buffers ? buffers.labels : n);
  const closest = call.f64(buffers ? buffers.closest : n);
  const cumulative = call.f64(buffers ? buffers.cumulative : n);
  call.run.kmeansSeed(
    call.f64(points),
    dim,
    k,
    tries,
    call.f64(uniforms),
    weights ? call.f64(weights) : 0,
    centroids,
    labels,
    closest,
    cumulative,
  );
  if (!buffers) {
    return {
      centroids: call.readF64(centroids),
      labels: call.readI32(labels),
      closest: call.readF64(closest),
    };
  }
  buffers.labels.set(call.readI32(labels));
  buffers.closest.set(call.readF64(closest));
  buffers.cumulative.set(call.readF64(cumulative));
  return { centroids: call.readF64(centroids), labels: buffers.labels, closest: buffers.closest };
}
