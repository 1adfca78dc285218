/** The colos nearest to a colo, for spreading a data-parallel job over close executors. */
import { coloByIata } from "../sched/catalog";
import { COLOS } from "../sched/colos";
import { haversineKm } from "../sched/geo/distance";

/** Up to `count` other colos, nearest first (ties by IATA code); none for an unknown colo. */
export function nearbySites(iata: string, count: number): string[] {
  const home = coloByIata(iata);
  if (!home || count <= 0) return [];
  return COLOS.filter((colo) => colo.iata !== iata)
    .map((colo) => ({ iata: colo.iata, km: haversineKm(home.lat, home.lon, colo.lat, colo.lon) }))
    .sort((a, b) => a.km - b.km || (a.iata < b.iata ? -1 : 1))
    .slice(0, count)
    .map((site) => site.iata);
}
