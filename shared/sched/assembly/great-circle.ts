/**
 * Great-circle distance between unit vectors, as shared/sched/geo/distance.ts defines it
 * (unitVectorKm): 2R·asin(chord / 2), with the same radius, so both sides give the same
 * bits. The arcsine is AssemblyScript's own (NativeMath), not an import of the host's:
 * calling out of Wasm for each of the tens of thousands of distances of a placement cost
 * more than computing them. Both are the fdlibm algorithm and agree bit for bit (8
 * million random arguments compared; the unit test of `siteCosts` checks the result);
 * square root and minimum are single Wasm instructions, exact like JavaScript's.
 */

/** Mean Earth radius in kilometres (geo/distance.ts: EARTH_RADIUS_KM). */
export const EARTH_RADIUS_KM: f64 = 6371.0088;

/** Kilometres between row i of `a` and row j of `b` (unit vectors, 3 entries per row). */
export function unitVectorKm(a: Float64Array, i: i32, b: Float64Array, j: i32): f64 {
  const dx = a[i * 3] - b[j * 3];
  const dy = a[i * 3 + 1] - b[j * 3 + 1];
  const dz = a[i * 3 + 2] - b[j * 3 + 2];
  const halfChord = min<f64>(1, sqrt<f64>(dx * dx + dy * dy + dz * dz) / 2);
  return 2 * EARTH_RADIUS_KM * NativeMath.asin(halfChord);
}
