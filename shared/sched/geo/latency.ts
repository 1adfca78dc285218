/**
 * The modelled round-trip latency between a user and an edge site, from great-circle
 * distance alone. It is a planning model, not a measurement: it ranks sites and compares
 * placements, and its constants are stated here so that every figure the scheduler prints
 * can be traced back to them.
 *
 * rtt(km) = BASE_RTT_MS + 2 · km · ROUTE_INFLATION / FIBRE_KM_PER_MS
 */
import { haversineKm } from "./distance";

/**
 * One-way propagation speed of light in optical fibre, km per millisecond. Silica fibre
 * has a group index of about 1.47, so light covers c / 1.47 ≈ 204 km/ms; the customary
 * round figure "two thirds of c" gives 200 km/ms, which we use.
 */
export const FIBRE_KM_PER_MS = 200;

/**
 * How much longer the cable route is than the great-circle path. Fibre follows roads,
 * railways, coastlines and sea-cable landings, and traffic crosses exchange points that
 * are not on the geodesic. Measurement studies of Internet paths (for example Singla et
 * al., "The Internet at the Speed of Light", HotNets 2014) find paths several times slower
 * than straight-line light; route circuitousness is one part of that. We assume 1.5, a
 * deliberately moderate value, so that distance still dominates the model.
 */
export const ROUTE_INFLATION = 1.5;

/**
 * Fixed round-trip cost independent of distance: the access network (last mile, Wi-Fi or
 * cellular), a few router hops and edge processing. An assumed 5 ms, typical of wired
 * access; the model's ranking of sites does not depend on it, only its absolute figures.
 */
export const BASE_RTT_MS = 5;

/** Modelled round-trip latency in milliseconds over a great-circle distance in km. */
export function rttForDistanceMs(km: number): number {
  return BASE_RTT_MS + (2 * km * ROUTE_INFLATION) / FIBRE_KM_PER_MS;
}

/** Modelled round-trip latency in milliseconds between two points given in degrees. */
export function modelledRttMs(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return rttForDistanceMs(haversineKm(lat1, lon1, lat2, lon2));
}
