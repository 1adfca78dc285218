import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { unitVectorKm, unitVectors } from "../../../shared/sched/geo/distance";
import { rttForDistanceMs } from "../../../shared/sched/geo/latency";
import { siteCosts } from "../../../shared/sched/placement/site-costs";

describe("siteCosts (WebAssembly kernel)", () => {
  it("equals the latency model of geo/ to the last bit", () => {
    const rng = new Rng(7);
    const place = (count: number) =>
      unitVectors(
        Array.from({ length: count }, () => rng.next() * 180 - 90),
        Array.from({ length: count }, () => rng.next() * 360 - 180),
      );
    const points = place(300);
    const sites = place(40);
    const chosen = Int32Array.from([39, 0, 17, 5, 22]);
    const cost = siteCosts(points, sites, chosen);
    expect(cost.length).toBe(300 * 5);
    for (let i = 0; i < 300; i++) {
      for (let j = 0; j < 5; j++) {
        const expected = rttForDistanceMs(unitVectorKm(points, i, sites, chosen[j] as number));
        expect(cost[i * 5 + j]).toBe(expected);
      }
    }
  });

  it("covers antipodes and identical points", () => {
    const points = unitVectors([0, 10, -10], [0, 20, -160]);
    const cost = siteCosts(points, points, Int32Array.from([0, 1]));
    expect(cost[0]).toBe(rttForDistanceMs(0));
    expect(cost[3]).toBe(rttForDistanceMs(0));
    expect(cost[4]).toBe(rttForDistanceMs(unitVectorKm(points, 2, points, 0)));
    expect(cost[5]).toBe(rttForDistanceMs(unitVectorKm(points, 2, points, 1)));
  });
});
