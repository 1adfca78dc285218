import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import {
  EARTH_RADIUS_KM,
  haversineKm,
  unitVectorKm,
  unitVectors,
  vectorToLatLon,
  writeUnitVector,
} from "../../../shared/sched/geo/distance";
import {
  BASE_RTT_MS,
  FIBRE_KM_PER_MS,
  modelledRttMs,
  ROUTE_INFLATION,
  rttForDistanceMs,
} from "../../../shared/sched/geo/latency";

describe("great-circle distance", () => {
  it("measures one degree of the equator and of a meridian as about 111.2 km", () => {
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.195, 2);
    expect(haversineKm(10, 20, 11, 20)).toBeCloseTo(111.195, 2);
  });

  it("measures antipodes as half the circumference and a point to itself as zero", () => {
    expect(haversineKm(30, 40, -30, -140)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
    expect(haversineKm(51.5, -0.1, 51.5, -0.1)).toBe(0);
  });

  it("measures Heathrow–JFK at about 5,540 km and is symmetric", () => {
    const d = haversineKm(51.47, -0.4543, 40.6413, -73.7781);
    expect(d).toBeGreaterThan(5530);
    expect(d).toBeLessThan(5560);
    expect(haversineKm(40.6413, -73.7781, 51.47, -0.4543)).toBeCloseTo(d, 9);
  });

  it("is short across the antimeridian", () => {
    expect(haversineKm(0, 179.5, 0, -179.5)).toBeCloseTo(111.195, 2);
  });

  it("measures the same distance from unit vectors as haversine", () => {
    const rng = new Rng(4);
    const lat = Array.from({ length: 50 }, () => rng.next() * 180 - 90);
    const lon = Array.from({ length: 50 }, () => rng.next() * 360 - 180);
    const v = unitVectors(lat, lon);
    for (let i = 0; i < 49; i++) {
      const expected = haversineKm(
        lat[i] as number,
        lon[i] as number,
        lat[i + 1] as number,
        lon[i + 1] as number,
      );
      expect(unitVectorKm(v, i, v, i + 1)).toBeCloseTo(expected, 6);
    }
  });

  it("round-trips latitude and longitude through unit vectors", () => {
    const v = new Float64Array(3);
    for (const [lat, lon] of [
      [0, 0],
      [45, 170],
      [-33.9, 151.2],
      [89.9, -120],
      [-60, -179.9],
    ] as const) {
      writeUnitVector(lat, lon, v, 0);
      expect(Math.hypot(v[0] as number, v[1] as number, v[2] as number)).toBeCloseTo(1, 12);
      const back = vectorToLatLon(v[0] as number, v[1] as number, v[2] as number);
      expect(back.lat).toBeCloseTo(lat, 9);
      expect(back.lon).toBeCloseTo(lon, 9);
    }
  });
});

describe("latency model", () => {
  it("costs the base round trip at zero distance", () => {
    expect(rttForDistanceMs(0)).toBe(BASE_RTT_MS);
  });

  it("adds two inflated fibre crossings per kilometre", () => {
    expect(rttForDistanceMs(1000)).toBeCloseTo(
      BASE_RTT_MS + (2000 * ROUTE_INFLATION) / FIBRE_KM_PER_MS,
      12,
    );
    expect(rttForDistanceMs(1000)).toBeCloseTo(20, 12);
  });

  it("models London–Sydney at a plausible intercontinental round trip", () => {
    const rtt = modelledRttMs(51.47, -0.4543, -33.9461, 151.177);
    expect(rtt).toBeGreaterThan(250);
    expect(rtt).toBeLessThan(270);
  });
});
