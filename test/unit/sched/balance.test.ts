import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { balance } from "../../../shared/sched/balance/balance";
import type { BalanceProblem } from "../../../shared/sched/balance/problem";
import { relaxPrices, shadowPrices } from "../../../shared/sched/wasm/balance-parts";
import { costOf, loadsOf, nearestSites } from "./balance-check";
import { instance } from "./balance-instances";
import { minCostFlowLowerBound } from "./min-cost-flow";

function expectWithinCapacity(problem: BalanceProblem, assignment: Int32Array): void {
  const load = loadsOf(problem, assignment);
  for (let j = 0; j < load.length; j++)
    expect(load[j]).toBeLessThanOrEqual(problem.capacity[j] as number);
}

describe("balancing", () => {
  it("never exceeds capacity on tight unit-demand instances (Σ capacity = jobs)", () => {
    const rng = new Rng(1);
    for (let t = 0; t < 25; t++) {
      const problem = instance(rng, {
        n: 20 + rng.int(400),
        m: 2 + rng.int(12),
        maxDemand: 1,
        slack: 0,
      });
      const result = balance(problem);
      expect(result.overflow).toBe(0);
      expectWithinCapacity(problem, result.assignment);
      expect(result.cost).toBeCloseTo(costOf(problem, result.assignment), 6);
    }
  });

  it("never exceeds capacity with mixed demands when the slack is at least (m − 1)·max demand", () => {
    const rng = new Rng(2);
    for (let t = 0; t < 25; t++) {
      const m = 2 + rng.int(10);
      const maxDemand = 2 + rng.int(6);
      const problem = instance(rng, {
        n: 20 + rng.int(300),
        m,
        maxDemand,
        slack: (m - 1) * maxDemand,
      });
      const result = balance(problem);
      expect(result.overflow).toBe(0);
      expectWithinCapacity(problem, result.assignment);
    }
  });

  it("matches the min-cost-flow optimum exactly with unit demands (≤ 200 jobs)", () => {
    const rng = new Rng(3);
    for (let t = 0; t < 16; t++) {
      const problem = instance(rng, {
        n: [30, 60, 120, 200][t % 4] as number,
        m: 3 + rng.int(8),
        maxDemand: 1,
        slack: rng.int(5),
      });
      const optimum = minCostFlowLowerBound(problem);
      expect(balance(problem).cost).toBeLessThanOrEqual(optimum * (1 + 1e-9));
    }
  });

  it("stays within 2% of the min-cost-flow bound with integer demands 1–3 (≤ 200 jobs)", () => {
    const rng = new Rng(4);
    let worst = 0;
    for (let t = 0; t < 16; t++) {
      const m = 3 + rng.int(8);
      const problem = instance(rng, {
        n: [30, 60, 120, 200][t % 4] as number,
        m,
        maxDemand: 3,
        slack: (m - 1) * 3,
      });
      const bound = minCostFlowLowerBound(problem);
      const result = balance(problem);
      expect(result.overflow).toBe(0);
      worst = Math.max(worst, result.cost / bound - 1);
    }
    expect(worst).toBeGreaterThanOrEqual(-1e-9);
    expect(worst).toBeLessThanOrEqual(0.02);
  });

  it("matches the min-cost-flow optimum exactly with equal demands on many tight sites", () => {
    const rng = new Rng(8);
    for (const [n, m, size] of [
      [300, 24, 1],
      [240, 16, 2.5],
    ] as const) {
      const base = instance(rng, { n, m, maxDemand: 1, slack: rng.int(3) });
      const problem = {
        cost: base.cost,
        demand: base.demand.map(() => size),
        capacity: base.capacity.map((c) => c * size),
      };
      const result = balance(problem);
      expect(result.overflow).toBe(0);
      expectWithinCapacity(problem, result.assignment);
      expect(result.cost).toBeLessThanOrEqual(minCostFlowLowerBound(problem) * (1 + 1e-9));
    }
  });

  it("starts the repair from the gradient descent's rounding whenever capacity binds", () => {
    const rng = new Rng(9);
    for (const maxDemand of [1, 3]) {
      const problem = instance(rng, { n: 400, m: 8, maxDemand, slack: 7 * maxDemand });
      const result = balance(problem);
      expect(result.steps).toBeGreaterThanOrEqual(1);
      expect(result.steps).toBeLessThanOrEqual(12);
      expect(result.overflow).toBe(0);
      const schedule = { steps: 12, startTemperature: 0.05, endTemperature: 0.002 };
      const relaxation = relaxPrices(problem, shadowPrices(problem), schedule);
      expect(relaxation.steps).toBe(result.steps);
      expect(result.roundedOverflow).toBe(relaxation.overflow);
      // The descent does the work: its rounding overflows far less than the warm start's.
      expect(relaxation.overflow).toBeLessThan(0.5 * relaxation.startOverflow);
    }
  });

  it("takes at most the gradient steps it is given and reports them", () => {
    const rng = new Rng(10);
    const problem = instance(rng, { n: 200, m: 6, maxDemand: 1, slack: 0 });
    const result = balance(problem, { steps: 3 });
    expect(result.steps).toBeGreaterThanOrEqual(1);
    expect(result.steps).toBeLessThanOrEqual(3);
    expect(result.cost).toBeLessThanOrEqual(minCostFlowLowerBound(problem) * (1 + 1e-9));
  });

  it("returns every job's nearest site when capacity does not bind", () => {
    const rng = new Rng(5);
    const problem = instance(rng, { n: 100, m: 6, maxDemand: 2, slack: 0 });
    const loose = { ...problem, capacity: new Float64Array(6).fill(Number.POSITIVE_INFINITY) };
    const result = balance(loose);
    expect(result.steps).toBe(0);
    expect(Array.from(result.assignment)).toEqual(Array.from(nearestSites(loose)));
  });

  it("mixes unlimited and limited sites", () => {
    const rng = new Rng(6);
    const problem = instance(rng, { n: 150, m: 5, maxDemand: 1, slack: 0 });
    const capacity = Float64Array.of(10, Number.POSITIVE_INFINITY, 5, 20, 3);
    const mixed = { ...problem, capacity };
    const result = balance(mixed);
    expectWithinCapacity(mixed, result.assignment);
    expect(result.cost).toBeLessThanOrEqual(minCostFlowLowerBound(mixed) * (1 + 1e-9));
  });

  it("reports the overflow it could not remove when demand exceeds capacity", () => {
    const rng = new Rng(7);
    const problem = instance(rng, { n: 100, m: 4, maxDemand: 1, slack: 0 });
    const short = { ...problem, capacity: problem.capacity.map((c) => c - 5) };
    const result = balance(short);
    expect(result.overflow).toBeGreaterThanOrEqual(20);
    expect(result.load.reduce((a, b) => a + b, 0)).toBe(100);
  });
});
