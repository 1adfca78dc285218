/**
 * Great-circle geometry on a spherical Earth: haversine distance, and the conversion
 * between latitude/longitude and 3-D unit vectors that spherical k-means clusters on.
 */

/** Mean Earth radius in kilometres (IUGG mean radius R1 = 6371.0088 km, rounded). */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle distance in kilometres between two points given in degrees (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Writes the unit vector of (lat, lon) in degrees into `out` at `offset` (x, y, z):
 * x towards (0°, 0°), y towards (0°, 90°E), z towards the North Pole.
 */
export function writeUnitVector(lat: number, lon: number, out: Float64Array, offset: number): void {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  const c = Math.cos(phi);
  out[offset] = c * Math.cos(lambda);
  out[offset + 1] = c * Math.sin(lambda);
  out[offset + 2] = Math.sin(phi);
}

/** Latitude and longitude in degrees of a (not necessarily unit) non-zero 3-D vector. */
export function vectorToLatLon(x: number, y: number, z: number): { lat: number; lon: number } {
  const lat = Math.atan2(z, Math.hypot(x, y)) / RAD;
  const lon = Math.atan2(y, x) / RAD;
  return { lat, lon };
}

/** Unit vectors of n places (degrees), 3 entries per place. */
export function unitVectors(lat: ArrayLike<number>, lon: ArrayLike<number>): Float64Array {
  const n = lat.length;
  if (lon.length !== n) throw new RangeError("lat and lon must have the same length");
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) writeUnitVector(lat[i] as number, lon[i] as number, out, i * 3);
  return out;
}

/**
 * Great-circle distance in km between row i of `a` and row j of `b`, both unit vectors
 * (3 entries per row): 2R·asin(chord / 2). Cheaper than haversine when the vectors exist.
 */
export function unitVectorKm(a: Float64Array, i: number, b: Float64Array, j: number): number {
  const dx = (a[i * 3] as number) - (b[j * 3] as number);
  const dy = (a[i * 3 + 1] as number) - (b[j * 3 + 1] as number);
  const dz = (a[i * 3 + 2] as number) - (b[j * 3 + 2] as number);
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}
