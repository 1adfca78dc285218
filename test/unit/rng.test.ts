import { describe, expect, it } from "vitest";
import { Rng } from "../../shared/rng";

describe("Rng", () => {
  it("replays the same stream for the same seed and a different one for another seed", () => {
    const draw = (seed: number) =>
      Array.from({ length: 8 }, () => new Rng(seed)).map((r) => r.nextUint32());
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 100 }, () => a.nextUint32());
    const sb = Array.from({ length: 100 }, () => b.nextUint32());
    const sc = Array.from({ length: 100 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(new Set(draw(1)).size).toBe(1);
  });

  it("draws integers in range with a roughly uniform spread", () => {
    const rng = new Rng(42);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const v = rng.range(-3, 3);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThanOrEqual(3);
    }
  });

  it("draws weighted indexes in proportion to their weights, never a zero-weight one", () => {
    const rng = new Rng(5);
    const cumulative = [1, 1, 4, 10]; // weights 1, 0, 3, 6
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.weightedIndex(cumulative, 10)]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[0] as number) - 10_000)).toBeLessThan(800);
    expect(Math.abs((counts[2] as number) - 30_000)).toBeLessThan(1200);
    expect(Math.abs((counts[3] as number) - 60_000)).toBeLessThan(1200);
  });
});
