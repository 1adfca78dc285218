/**
 * k-means for places on the globe. Latitude/longitude pairs are turned into 3-D unit
 * vectors and clustered with centroids kept on the unit sphere, so clusters that straddle
 * the antimeridian or surround a pole come out whole. Squared chord length between unit
 * vectors is 2 − 2·cos(angle), so "nearest centroid" is nearest by great-circle distance.
 */
import { vectorToLatLon, writeUnitVector } from "../geo/distance";
import { type KMeansOptions, type KMeansResult, kmeans } from "./kmeans";

/** A spherical fit: the k-means result on unit vectors plus the centroids in degrees. */
export interface GeoKMeansResult extends KMeansResult {
  readonly centroidLat: Float64Array;
  readonly centroidLon: Float64Array;
}

/** Clusters n places (degrees) with weights and options as in `kmeans`. */
export function geoKMeans(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  options: Omit<KMeansOptions, "spherical">,
): GeoKMeansResult {
  const n = lat.length;
  if (lon.length !== n) throw new RangeError("lat and lon must have the same length");
  const points = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) writeUnitVector(lat[i] as number, lon[i] as number, points, i * 3);
  const result = kmeans(points, 3, { ...options, spherical: true });
  const centroidLat = new Float64Array(result.k);
  const centroidLon = new Float64Array(result.k);
  for (let j = 0; j < result.k; j++) {
    const c = result.centroids;
    const place = vectorToLatLon(
      c[j * 3] as number,
      c[j * 3 + 1] as number,
      c[j * 3 + 2] as number,
    );
    centroidLat[j] = place.lat;
    centroidLon[j] = place.lon;
  }
  return { ...result, centroidLat, centroidLon };
}
