/**
 * The dominant loop of greedy k-means++, scoring candidate centres (the kernel and its
 * reasoning: shared/sched/assembly/kmeans/candidate-gains.ts). Reachable on its own for
 * checks against a direct sum.
 */
import { KernelCall } from "../wasm/heap";
import type { KMeansKernels } from "../wasm/kmeans-kernels";

/**
 * gains[t] = Σ_i w_i·max(0, closest[i] − D²(x_i, row t of `rows`)) for every candidate row
 * t < gains.length. `closest` holds each point's squared distance to its nearest chosen
 * centre; `weights` has one entry per point.
 */
export function candidateGains(
  points: Float64Array,
  dim: number,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  gains: Float64Array,
): void {
  const call = new KernelCall<KMeansKernels>();
  const at = call.run.kmeansCandidateGains(
    call.f64(points),
    dim,
    call.f64(rows),
    gains.length,
    call.f64(closest),
    call.f64(weights),
  );
  gains.set(call.readF64(at));
}
