/**
 * Capacity-aware assignment of jobs to sites, minimising Σ demand·latency: gradient
 * descent on an annealed softmax relaxation (relax.ts), rounding and a repair pass that
 * removes overload (repair.ts), then cycle cancelling (cycles.ts). When every job's cheapest
 * site already respects capacity, that assignment is optimal and is returned directly.
 */

import { cancelCycles } from "./cycles";
import { type BalanceProblem, costOf, loadsOf, nearestAssignment, overflowOf } from "./problem";
import { type RelaxOptions, relaxPrices } from "./relax";
import { improveByMoves, improveBySwaps, roundWithPrices, shedOverload } from "./repair";

/** Tuning of `balance`; every field has a default. */
export interface BalanceOptions extends Partial<RelaxOptions> {
  /** Cap on negative cycles cancelled after the repair. Default 4·(n + m). */
  readonly maxCycles?: number;
}

/** A balanced assignment. */
export interface BalanceResult {
  /** Site index of each job. */
  readonly assignment: Int32Array;
  /** Per-site load. */
  readonly load: Float64Array;
  /** Σ demand·cost. */
  readonly cost: number;
  /** Σ load above capacity; 0 unless the instance could not be repaired (see repair.ts). */
  readonly overflow: number;
  /** Gradient steps taken (0 when capacity did not bind). */
  readonly steps: number;
}

/**
 * With unequal demands, rounds of cycle cancelling (per demand size) and swaps, which
 * exchange jobs of different sizes as equal-size cycles cannot.
 */
const MIXED_PASSES = 3;

/**
 * Default schedules. With equal demands cycle cancelling finishes the job exactly, so a
 * short, cooler schedule only has to give it a near-feasible start; with mixed demands the
 * local search is weaker and a longer, hotter schedule gives it better prices.
 */
const EQUAL_DEMANDS: RelaxOptions = { steps: 12, startTemperature: 0.2, endTemperature: 0.002 };
const MIXED_DEMANDS: RelaxOptions = { steps: 60, startTemperature: 0.5, endTemperature: 0.002 };

/**
 * Cap on gradient steps × jobs × sites: large instances take fewer steps (no fewer than
 * 20), where rounding errors weigh less and every step costs more.
 */
const STEP_BUDGET = 160_000;

/**
 * Price vectors tried with mixed demands: the last few of the annealing, as many as a
 * budget of about 15,000 job–site terms allows (up to 8 on small instances, where the
 * weaker local search benefits most from several starts; one from 7,500 terms up).
 */
function startsFor(n: number, m: number): number {
  return Math.max(1, Math.min(8, Math.floor(15_000 / (n * m))));
}

/** Assigns every job of `problem` to a site. */
export function balance(problem: BalanceProblem, options: BalanceOptions = {}): BalanceResult {
  const nearest = nearestAssignment(problem);
  const nearestLoad = loadsOf(problem, nearest);
  if (overflowOf(problem, nearestLoad) === 0) return finish(problem, nearest, nearestLoad, 0);

  const n = problem.demand.length;
  const m = problem.capacity.length;
  const sizes = [...new Set(problem.demand)].sort((a, b) => a - b);
  const defaults = sizes.length === 1 ? EQUAL_DEMANDS : MIXED_DEMANDS;
  const relax: RelaxOptions = {
    steps:
      options.steps ?? Math.max(20, Math.min(defaults.steps, Math.floor(STEP_BUDGET / (n * m)))),
    startTemperature: options.startTemperature ?? defaults.startTemperature,
    endTemperature: options.endTemperature ?? defaults.endTemperature,
  };
  const starts = sizes.length === 1 ? 1 : startsFor(n, m);
  let best: BalanceResult | undefined;
  for (const prices of relaxPrices(problem, relax, starts)) {
    const assignment = roundWithPrices(problem, prices);
    const load = loadsOf(problem, assignment);
    shedOverload(problem, assignment, load);
    improveByMoves(problem, assignment, load);
    if (overflowOf(problem, load) === 0) {
      const maxCycles = options.maxCycles ?? 4 * (n + m);
      for (let pass = 0; pass < MIXED_PASSES; pass++) {
        for (const size of sizes) cancelCycles(problem, assignment, load, size, maxCycles);
        if (sizes.length === 1 || !improveBySwaps(problem, assignment, load)) break;
      }
    }
    const result = finish(problem, assignment, load, relax.steps);
    if (
      !best ||
      result.overflow < best.overflow ||
      (result.overflow === best.overflow && result.cost < best.cost)
    ) {
      best = result;
    }
  }
  return best as BalanceResult;
}

function finish(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  steps: number,
): BalanceResult {
  return {
    assignment,
    load,
    cost: costOf(problem, assignment),
    overflow: overflowOf(problem, load),
    steps,
  };
}
