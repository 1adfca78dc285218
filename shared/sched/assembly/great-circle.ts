/**
 * Great-circle distance between unit vectors, as shared/sched/geo/distance.ts defines it
 * (unitVectorKm): 2R·asin(chord / 2), with the same radius, so both sides give the same
 * bits.
 */

/** Mean Earth radius in kilometres (geo/distance.ts: EARTH_RADIUS_KM). */
export const EARTH_RADIUS_KM: f64 = 6371.0088;

/** Kilometres between row i of `a` and row j of `b` (unit vectors, 3 entries per row). */
export function unitVectorKm(a: Float64Array, i: i32, b: Float64Array, j: i32): f64 {
  const dx = a[i * 3] - b[j * 3];
  const dy = a[i * 3 + 1] - b[j * 3 + 1];
  const dz = a[i * 3 + 2] - b[j * 3 + 2];
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}
