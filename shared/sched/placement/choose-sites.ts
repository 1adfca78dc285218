/**
 * From k-means clusters to k distinct sites, by the `chooseSites` kernel
 * (shared/sched/assembly/choose-sites.ts, where the rule is explained).
 */

import { KernelCall } from "../wasm/heap";
import type { Kernel } from "../wasm/kernels";

/** Clusters of jobs as k-means left them. */
export interface Clusters {
  readonly k: number;
  readonly labels: Int32Array;
  /** k unit vectors. */
  readonly centroids: Float64Array;
}

interface ChooseSitesKernels extends Record<string, Kernel> {
  chooseSites(
    labels: number,
    centroids: number,
    points: number,
    demand: number,
    sites: number,
  ): number;
}

/**
 * Indices into `sites` of the site chosen for each cluster, all distinct. `points` and
 * `sites` are unit vectors of the jobs and of the candidates; needs k ≤ candidates.
 */
export function chooseSites(
  clusters: Clusters,
  points: Float64Array,
  demand: Float64Array,
  sites: Float64Array,
): Int32Array {
  const call = new KernelCall<ChooseSitesKernels>();
  const chosen = call.run.chooseSites(
    call.i32(clusters.labels),
    call.f64(clusters.centroids.subarray(0, clusters.k * 3)),
    call.f64(points),
    call.f64(demand),
    call.f64(sites),
  );
  return call.readI32(chosen);
}
