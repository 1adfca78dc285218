import { describe, expect, it } from "vitest";
import { nearbySites } from "../../../shared/jobs/nearby-sites";
import { coloByIata } from "../../../shared/sched/catalog";
import { haversineKm } from "../../../shared/sched/geo/distance";

describe("nearbySites", () => {
  it("lists other colos nearest first", () => {
    const sites = nearbySites("FRA", 5);
    expect(sites).toHaveLength(5);
    expect(sites).not.toContain("FRA");
    const fra = coloByIata("FRA");
    const km = sites.map((iata) => {
      const colo = coloByIata(iata);
      return haversineKm(fra?.lat ?? 0, fra?.lon ?? 0, colo?.lat ?? 0, colo?.lon ?? 0);
    });
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    expect(km[4]).toBeLessThan(1000);
  });

  it("returns nothing for an unknown colo or a zero count", () => {
    expect(nearbySites("XXX", 3)).toEqual([]);
    expect(nearbySites("FRA", 0)).toEqual([]);
  });
});
