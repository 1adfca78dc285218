/**
 * Synthetic world demand for the placement benchmark. No city-population data set is
 * available to the project (npm packages cannot be added here), so the cities of the colo
 * catalog stand in for world cities: Cloudflare builds colos where Internet users are, so
 * their density follows demand. Each city gets a seeded log-normal weight (σ = 1.2), a
 * heavy tail like that of city populations, and each job's origin is drawn from a city
 * with probability proportional to its weight and scattered up to ±1.5° around it.
 */
import { COLOS } from "../../shared/sched/colos";
import type { PlacementJob } from "../../shared/sched/placement/request";
import { Rng } from "../../shared/sim/rng";

/** A demand city: where users are and how many there are (relative). */
export interface City {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/** The catalog's cities with seeded log-normal weights. */
export function demandCities(seed: number): City[] {
  const rng = new Rng(seed);
  return COLOS.map((colo) => {
    const normal = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    return {
      name: `${colo.city} (${colo.iata})`,
      lat: colo.lat,
      lon: colo.lon,
      weight: Math.exp(1.2 * normal),
    };
  });
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
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    const city = cities[lo] as City;
    const lat = Math.max(-90, Math.min(90, city.lat + (rng.next() - 0.5) * 3));
    const lon = ((city.lon + (rng.next() - 0.5) * 3 + 540) % 360) - 180;
    return { id: `job-${i}`, lat, lon };
  });
}
