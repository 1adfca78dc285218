import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { haversineKm, unitVectors } from "../../../shared/sched/geo/distance";
import { geoKMeans } from "../../../shared/sched/kmeans/spherical";

/** n places scattered within about `spread` degrees of (lat, lon), longitudes wrapped. */
function around(rng: Rng, lat: number, lon: number, spread: number, n: number): [number, number][] {
  return Array.from({ length: n }, () => {
    const la = Math.max(-90, Math.min(90, lat + (rng.next() - 0.5) * 2 * spread));
    let lo = lon + (rng.next() - 0.5) * 2 * spread;
    if (lo > 180) lo -= 360;
    if (lo < -180) lo += 360;
    return [la, lo];
  });
}

function cluster(places: [number, number][], k: number) {
  const points = unitVectors(
    places.map((p) => p[0]),
    places.map((p) => p[1]),
  );
  return geoKMeans(points, { k, nInit: 5, seed: 3 });
}

describe("spherical k-means", () => {
  it("keeps a group that straddles the antimeridian in one cluster", () => {
    const rng = new Rng(1);
    const fiji = around(rng, -17, 179.5, 2, 60);
    const peru = around(rng, -12, -77, 2, 60);
    expect(fiji.some((p) => p[1] < 0) && fiji.some((p) => p[1] > 0)).toBe(true);
    const result = cluster([...fiji, ...peru], 2);
    const fijiLabels = new Set(Array.from(result.labels.subarray(0, 60)));
    const peruLabels = new Set(Array.from(result.labels.subarray(60)));
    expect(fijiLabels.size).toBe(1);
    expect(peruLabels.size).toBe(1);
    const f = [...fijiLabels][0] as number;
    expect(
      haversineKm(-17, 179.5, result.centroidLat[f] as number, result.centroidLon[f] as number),
    ).toBeLessThan(150);
  });

  it("clusters places around a pole together with a centroid near the pole", () => {
    const rng = new Rng(2);
    const arctic = Array.from({ length: 40 }, (_, i): [number, number] => [
      87 + rng.next() * 2,
      -180 + i * 9,
    ]);
    const equator = around(rng, 0, 20, 3, 40);
    const result = cluster([...arctic, ...equator], 2);
    const arcticLabels = new Set(Array.from(result.labels.subarray(0, 40)));
    expect(arcticLabels.size).toBe(1);
    const a = [...arcticLabels][0] as number;
    expect(result.centroidLat[a] as number).toBeGreaterThan(88);
    expect(new Set(Array.from(result.labels.subarray(40))).has(a)).toBe(false);
  });

  it("separates three continents and keeps centroids on the sphere", () => {
    const rng = new Rng(3);
    const places = [
      ...around(rng, 50, 8, 5, 50),
      ...around(rng, 35, -100, 8, 50),
      ...around(rng, 1, 104, 4, 50),
    ];
    const result = cluster(places, 3);
    for (let g = 0; g < 3; g++)
      expect(new Set(Array.from(result.labels.subarray(g * 50, g * 50 + 50))).size).toBe(1);
    for (let j = 0; j < 3; j++) {
      const c = result.centroids;
      expect(
        Math.hypot(c[3 * j] as number, c[3 * j + 1] as number, c[3 * j + 2] as number),
      ).toBeCloseTo(1, 12);
    }
  });
});
