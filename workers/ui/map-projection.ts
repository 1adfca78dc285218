/**
 * The world map's geometry: an equirectangular projection at one SVG unit per degree
 * (x from 0 at 180° W to 360 at 180° E, y from 0 at 90° N to 180 at 90° S), lines that
 * take the short way round the globe, and many dots as one compact path.
 */

/** A point on the globe in degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A point on the drawing. */
export interface MapPoint {
  x: number;
  y: number;
}

/** Where `p` lands on the map. */
export function project(p: LatLon): MapPoint {
  return { x: p.lon + 180, y: 90 - p.lat };
}

/**
 * The line from `a` to `b` the short way round: when the two are more than 180° of
 * longitude apart, `b` is drawn a world's width to the side, so the line leaves the map's
 * edge (which clips it) instead of crossing the whole map.
 */
export function shortLine(a: LatLon, b: LatLon): { from: MapPoint; to: MapPoint } {
  const gap = b.lon - a.lon;
  const shift = gap > 180 ? -360 : gap < -180 ? 360 : 0;
  return { from: project(a), to: project({ lat: b.lat, lon: b.lon + shift }) };
}

/**
 * Points as one SVG path of zero-length segments, each drawn as a dot by a round line
 * cap: one element, about 12 bytes a point, for the hundreds of colos.
 */
export function dotsPath(points: readonly MapPoint[]): string {
  return points.map((p) => `M${p.x.toFixed(1)} ${p.y.toFixed(1)}h0`).join("");
}
