import { describe, expect, it } from "vitest";
import { dotsPath, project, shortLine } from "../../../workers/ui/map-projection";

describe("the world map's projection", () => {
  it("maps longitude to x and latitude to y at one unit per degree, north up", () => {
    expect(project({ lat: 0, lon: 0 })).toEqual({ x: 180, y: 90 });
    expect(project({ lat: 90, lon: -180 })).toEqual({ x: 0, y: 0 });
    expect(project({ lat: -45, lon: 90 })).toEqual({ x: 270, y: 135 });
  });

  it("draws a line straight when the short way does not cross the antimeridian", () => {
    const { from, to } = shortLine({ lat: 35.7, lon: 139.7 }, { lat: 50, lon: 8.6 });
    expect(from.x).toBeCloseTo(319.7);
    expect(to.x).toBeCloseTo(188.6);
  });

  it("sends a line across the antimeridian off the map's edge, not across the map", () => {
    const east = shortLine({ lat: -36.8, lon: 174.8 }, { lat: 21.3, lon: -157.9 });
    expect(east.to.x).toBeCloseTo(-157.9 + 360 + 180);
    expect(east.to.x - east.from.x).toBeLessThan(180);
    const west = shortLine({ lat: 21.3, lon: -157.9 }, { lat: -36.8, lon: 174.8 });
    expect(west.to.x).toBeCloseTo(174.8 - 360 + 180);
    expect(west.from.x - west.to.x).toBeLessThan(180);
  });

  it("writes many dots as one path of zero-length segments", () => {
    expect(dotsPath([])).toBe("");
    expect(
      dotsPath([
        { x: 1, y: 2.25 },
        { x: 300.04, y: 90 },
      ]),
    ).toBe("M1.0 2.3h0M300.0 90.0h0");
  });
});
