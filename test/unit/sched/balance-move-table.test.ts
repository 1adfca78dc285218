import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import type { BalanceProblem } from "../../../shared/sched/balance/problem";
import { moveTableTrace } from "../../../shared/sched/wasm/balance-parts";
import { loadsOf } from "./balance-check";
import { instance } from "./balance-instances";

/** The least c[i, y] − c[i, x] over jobs of size `size` on x, by brute force. */
function cheapestMove(
  problem: BalanceProblem,
  assignment: Int32Array,
  x: number,
  y: number,
  size: number,
): number {
  const m = problem.capacity.length;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < assignment.length; i++) {
    if (assignment[i] !== x || problem.demand[i] !== size) continue;
    best = Math.min(
      best,
      (problem.cost[i * m + y] as number) - (problem.cost[i * m + x] as number),
    );
  }
  return best;
}

describe("move table", () => {
  it("keeps the cheapest mover of every site pair and demand size as jobs move", () => {
    const rng = new Rng(21);
    const problem = instance(rng, { n: 60, m: 5, maxDemand: 3, slack: 12 });
    const m = problem.capacity.length;
    const assignment = Int32Array.from({ length: 60 }, () => rng.int(m));
    const moves = Array.from({ length: 40 }, () => [rng.int(60), rng.int(m)] as const);
    const trace = moveTableTrace(problem, assignment, moves);
    const { sizes } = trace;
    expect(Array.from(sizes)).toEqual([1, 2, 3]);
    expect(trace.delta.length).toBe(41);
    for (let step = 0; step <= 40; step++) {
      if (step > 0) {
        const [job, to] = moves[step - 1] as readonly [number, number];
        assignment[job] = to;
      }
      expect(Array.from(trace.load[step] as Float64Array)).toEqual(
        Array.from(loadsOf(problem, assignment)),
      );
      const delta = trace.delta[step] as Float64Array;
      const mover = trace.mover[step] as Int32Array;
      for (let x = 0; x < m; x++) {
        for (let y = 0; y < m; y++) {
          for (let s = 0; s < sizes.length; s++) {
            const cell = (x * m + y) * sizes.length + s;
            const want =
              x === y
                ? Number.POSITIVE_INFINITY
                : cheapestMove(problem, assignment, x, y, sizes[s] as number);
            expect(delta[cell]).toBe(want);
            const job = mover[cell] as number;
            if (want === Number.POSITIVE_INFINITY) expect(job).toBe(-1);
            else {
              expect(assignment[job]).toBe(x);
              expect(problem.demand[job]).toBe(sizes[s]);
            }
          }
        }
      }
    }
  });
});
