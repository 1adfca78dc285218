/** The job × site cost matrix of a placement, computed by the `siteCosts` kernel. */
import { KernelCall } from "../wasm/heap";
import type { Kernel } from "../wasm/kernels";

interface SiteCostKernels extends Record<string, Kernel> {
  siteCosts(points: number, sites: number, chosen: number): number;
}

/**
 * Row-major n × m modelled RTTs (ms): entry (i, j) is rttForDistanceMs(unitVectorKm(
 * points, i, sites, chosen[j])), as geo/latency.ts and geo/distance.ts define them.
 * `points` and `sites` are unit vectors, 3 entries per row.
 */
export function siteCosts(
  points: Float64Array,
  sites: Float64Array,
  chosen: Int32Array,
): Float64Array {
  const call = new KernelCall<SiteCostKernels>();
  return call.readF64(call.run.siteCosts(call.f64(points), call.f64(sites), call.i32(chosen)));
}
