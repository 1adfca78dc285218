import { describe, expect, it } from "vitest";
import { coloByIata, REGION_REPRESENTATIVES, regionSites } from "../../../shared/sched/catalog";
import { COLOS, COLOS_WITHOUT_COORDINATES } from "../../../shared/sched/colos";
import { hintForRegion, LOCATION_HINTS } from "../../../shared/sched/geo/location-hint";

describe("site catalog", () => {
  it("keeps every colo of the source with coordinates and counts the rest", () => {
    expect(COLOS.length).toBe(308);
    expect(COLOS_WITHOUT_COORDINATES).toBe(31);
    expect(COLOS.length + COLOS_WITHOUT_COORDINATES).toBe(339);
  });

  it("has unique upper-case IATA codes and coordinates on the globe", () => {
    expect(new Set(COLOS.map((c) => c.iata)).size).toBe(COLOS.length);
    for (const colo of COLOS) {
      expect(colo.iata).toMatch(/^[A-Z]{3}$/);
      expect(Math.abs(colo.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(colo.lon)).toBeLessThanOrEqual(180);
      expect(colo.country.length).toBeGreaterThan(0);
      expect(colo.hint).toBe(hintForRegion(colo.region, colo.lon));
    }
  });

  it("maps well-known colos to the location hint that serves them", () => {
    const expected: Record<string, string> = {
      FRA: "weur",
      LHR: "weur",
      SJC: "wnam",
      SEA: "wnam",
      IAD: "enam",
      ORD: "enam",
      SIN: "apac",
      NRT: "apac",
      SYD: "oc",
      AKL: "oc",
      GRU: "sam",
      JNB: "afr",
      DXB: "me",
      WAW: "eeur",
    };
    for (const [iata, hint] of Object.entries(expected)) expect(coloByIata(iata)?.hint).toBe(hint);
  });

  it("serves every location hint with at least one colo", () => {
    for (const hint of LOCATION_HINTS) {
      expect(COLOS.filter((c) => c.hint === hint).length).toBeGreaterThan(3);
    }
  });

  it("splits North America at 100°W and Europe at 15°E", () => {
    expect(hintForRegion("North America", -100.5)).toBe("wnam");
    expect(hintForRegion("North America", -99.5)).toBe("enam");
    expect(hintForRegion("Europe", 14.9)).toBe("weur");
    expect(hintForRegion("Europe", 15.1)).toBe("eeur");
    expect(() => hintForRegion("Atlantis", 0)).toThrow(/Atlantis/);
  });

  it("picks one representative per hint that really carries that hint", () => {
    const sites = regionSites();
    expect(sites.map((s) => s.hint)).toEqual([...LOCATION_HINTS]);
    for (const [hint, iata] of Object.entries(REGION_REPRESENTATIVES)) {
      expect(coloByIata(iata)?.hint).toBe(hint);
    }
  });
});
