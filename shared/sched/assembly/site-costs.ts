/**
 * The job × site cost matrix of a placement: modelled round-trip latency over the
 * great-circle distance between unit vectors. The constants and the formula are those of
 * shared/sched/geo/latency.ts (rttForDistanceMs); a unit test checks that both sides
 * agree to the last bit.
 */
import { unitVectorKm } from "./great-circle";

const FIBRE_KM_PER_MS: f64 = 200;
const ROUTE_INFLATION: f64 = 1.5;
const BASE_RTT_MS: f64 = 5;

/**
 * Row-major n × m costs: entry (i, j) is the modelled RTT in ms between row i of `points`
 * and row `chosen[j]` of `sites` (both unit vectors, 3 entries per row).
 */
export function siteCosts(
  points: Float64Array,
  sites: Float64Array,
  chosen: Int32Array,
): Float64Array {
  const n = points.length / 3;
  const m = chosen.length;
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const km = unitVectorKm(points, i, sites, chosen[j]);
      cost[i * m + j] = BASE_RTT_MS + (2 * km * ROUTE_INFLATION) / FIBRE_KM_PER_MS;
    }
  }
  return cost;
}
