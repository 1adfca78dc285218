import { describe, expect, it } from "vitest";
import { loadImbalance, pointOnCircle, ringFraction } from "../../../workers/ui/ring-geometry";

describe("drawing a ring", () => {
  it("places an id by its share of the id space, whatever its hex length", () => {
    expect(ringFraction("0000000000000000")).toBe(0);
    expect(ringFraction("8000000000000000")).toBe(0.5);
    expect(ringFraction(`4${"0".repeat(39)}`)).toBe(0.25);
    expect(ringFraction("ffffffffffffffff")).toBeLessThan(1);
  });

  it("puts 0 at the top and goes clockwise", () => {
    const top = pointOnCircle(0, 10, 50, 50);
    expect(top.x).toBeCloseTo(50);
    expect(top.y).toBeCloseTo(40);
    const right = pointOnCircle(0.25, 10, 50, 50);
    expect(right.x).toBeCloseTo(60);
    expect(right.y).toBeCloseTo(50);
  });

  it("measures imbalance as the busiest node over the mean", () => {
    expect(loadImbalance([0, 0, 0])).toBe(0);
    expect(loadImbalance([5, 5, 5, 5])).toBe(1);
    expect(loadImbalance([9, 1, 1, 1])).toBe(3);
  });
});
