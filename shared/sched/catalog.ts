/**
 * The site catalog: lookups over the generated colo list, and the one representative
 * colo per Durable Object location hint that the "regions" site set uses.
 */
import { COLOS } from "./colos";
import type { LocationHint } from "./geo/location-hint";
import type { Colo } from "./site";

const BY_IATA: ReadonlyMap<string, Colo> = new Map(COLOS.map((colo) => [colo.iata, colo]));

/** The colo with this IATA code (upper case), or undefined. */
export function coloByIata(iata: string): Colo | undefined {
  return BY_IATA.get(iata);
}

/**
 * One colo standing for each location hint: a large interconnection hub of the area,
 * so "regions" placement picks among nine well-spread sites.
 */
export const REGION_REPRESENTATIVES: Readonly<Record<LocationHint, string>> = {
  wnam: "SJC",
  enam: "IAD",
  sam: "GRU",
  weur: "FRA",
  eeur: "WAW",
  apac: "SIN",
  oc: "SYD",
  afr: "JNB",
  me: "DXB",
};

/** The representative colos of all location hints, in LOCATION_HINTS order. */
export function regionSites(): Colo[] {
  return Object.values(REGION_REPRESENTATIVES).map((iata) => {
    const colo = BY_IATA.get(iata);
    if (!colo) throw new Error(`region representative ${iata} is not in the catalog`);
    return colo;
  });
}
