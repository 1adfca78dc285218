import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { siteOrder } from "../../../shared/sched/wasm/balance-parts";

describe("site order", () => {
  it("lists every job's sites once, by increasing cost, ties by site index", () => {
    const rng = new Rng(31);
    const n = 50;
    const m = 7;
    // Few distinct values, so ties are common.
    const cost = Float64Array.from({ length: n * m }, () => rng.int(5));
    const { order, sorted } = siteOrder(cost, n, m);
    for (let i = 0; i < n; i++) {
      const row = Array.from(order.subarray(i * m, (i + 1) * m));
      expect([...row].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (let r = 0; r < m; r++) {
        expect(sorted[i * m + r]).toBe(cost[i * m + (row[r] as number)]);
        if (r === 0) continue;
        const prev = cost[i * m + (row[r - 1] as number)] as number;
        const here = cost[i * m + (row[r] as number)] as number;
        expect(prev < here || (prev === here && (row[r - 1] as number) < (row[r] as number))).toBe(
          true,
        );
      }
    }
  });
});
