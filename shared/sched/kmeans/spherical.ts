/**
 * k-means for places on the globe. Latitude/longitude pairs are turned into 3-D unit
 * vectors and clustered with centroids kept on the unit sphere, so clusters that straddle
 * the antimeridian or surround a pole come out whole. Squared chord length between unit
 * vectors is 2 − 2·cos(angle), so "nearest centroid" is nearest by great-circle distance.
 */
import { vectorToLatLon } from "../geo/distance";
import { type KMeansOptions, type KMeansResult, kmeans } from "./kmeans";

/** A spherical fit: the k-means result on unit vectors plus the centroids in degrees. */
export interface GeoKMeansResult extends KMeansResult {
  readonly centroidLat: Float64Array;
  readonly centroidLon: Float64Array;
}

/**
 * Clusters places given as unit vectors (geo/distance.ts `unitVectors`), with weights and
 * options as in `kmeans`.
 */
export function geoKMeans(
  points: Float64Array,
  options: Omit<KMeansOptions, "spherical">,
): GeoKMeansResult {
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
