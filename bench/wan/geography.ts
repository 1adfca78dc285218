/**
 * The wide-area setting of the WAN benchmark, from the scheduler's own geography: five
 * replicas at the representative colos of five location hints, one-way latency between
 * any two points as half the scheduler's modelled round trip (`geo/latency.ts`), and
 * clients in the world's cities weighted by population, each in the region of its
 * nearest replica.
 */
import { REGION_REPRESENTATIVES } from "../../shared/sched/catalog";
import { COLOS } from "../../shared/sched/colos";
import { haversineKm } from "../../shared/sched/geo/distance";
import { modelledRttMs } from "../../shared/sched/geo/latency";
import type { LocationHint } from "../../shared/sched/geo/location-hint";
import { type City, demandCities } from "../placement/demand";

/** The replicas' regions; replica i + 1 lives at the representative colo of `REGIONS[i]`. */
export const REGIONS = [
  "wnam",
  "enam",
  "weur",
  "apac",
  "oc",
] as const satisfies readonly LocationHint[];

export type Region = (typeof REGIONS)[number];

export interface Site {
  region: Region;
  iata: string;
  lat: number;
  lon: number;
}

/** Where each replica runs, by replica id − 1. */
export function replicaSites(): Site[] {
  return REGIONS.map((region) => {
    const iata = REGION_REPRESENTATIVES[region];
    const colo = COLOS.find((c) => c.iata === iata);
    if (!colo) throw new Error(`no colo ${iata}`);
    return { region, iata, lat: colo.lat, lon: colo.lon };
  });
}

/** One-way latency range [lo, hi] in ms between replicas `from` and `to` (ids from 1). */
export function replicaLatency(sites: readonly Site[], jitterMs: number) {
  return (from: number, to: number): readonly [number, number] => {
    const a = sites[from - 1] as Site;
    const b = sites[to - 1] as Site;
    const oneWay = Math.round(modelledRttMs(a.lat, a.lon, b.lat, b.lon) / 2);
    return [oneWay, oneWay + jitterMs];
  };
}

/** A city of clients, the region it belongs to, and its round trip to every replica. */
export interface ClientCity extends City {
  region: Region;
  rttMs: number[];
}

/** The world's cities as clients, each assigned to the region of its nearest replica. */
export function clientCities(sites: readonly Site[]): ClientCity[] {
  return demandCities().map((city) => {
    const km = sites.map((s) => haversineKm(city.lat, city.lon, s.lat, s.lon));
    const nearest = km.indexOf(Math.min(...km));
    return {
      ...city,
      region: (sites[nearest] as Site).region,
      rttMs: sites.map((s) => modelledRttMs(city.lat, city.lon, s.lat, s.lon)),
    };
  });
}

/** The region with the most client weight: where the leader is placed. */
export function busiestRegion(cities: readonly ClientCity[]): Region {
  const weight = new Map<Region, number>();
  for (const c of cities) weight.set(c.region, (weight.get(c.region) ?? 0) + c.weight);
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as Region;
}
