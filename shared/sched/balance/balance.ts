/**
 * Capacity-aware assignment of jobs to sites, minimising Σ demand·latency. When every
 * job's cheapest site already respects capacity, that assignment is optimal and is
 * returned directly. When all demands are equal, successive shortest paths on the site
 * graph (shortest-paths.ts) find the optimum exactly. With mixed demands the problem is
 * NP-hard (it contains bin packing); each start assignment goes through a repair pass that
 * removes overload (repair.ts), cycle cancelling per demand size (cycles.ts) and swaps,
 * and the best result wins. The starts are the exact optimum of the unit-demand proxy
 * (every job counted as one, capacities scaled to match) and, on small instances where
 * it is cheap, assignments rounded from the prices of an annealed softmax relaxation
 * (relax.ts), which help most where slack is tight and the local search is weakest.
 */

import { cancelCycles } from "./cycles";
import { type BalanceProblem, costOf, loadsOf, nearestAssignment, overflowOf } from "./problem";
import { type RelaxOptions, relaxPrices } from "./relax";
import { improveByMoves, improveBySwaps, roundWithPrices, shedOverload } from "./repair";
import { assignByShortestPaths } from "./shortest-paths";

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
  /** Gradient steps of the relaxation (0 when it did not run). */
  readonly steps: number;
}

/**
 * With unequal demands, rounds of cycle cancelling (per demand size) and swaps, which
 * exchange jobs of different sizes as equal-size cycles cannot.
 */
const MIXED_PASSES = 3;

/** Annealing schedule of the relaxation starts. */
const SCHEDULE: RelaxOptions = { steps: 60, startTemperature: 0.5, endTemperature: 0.002 };

/**
 * Cap on gradient steps × jobs × sites. Instances too large for MIN_STEPS steps within it
 * skip the relaxation: there a step costs more and the proxy start alone does better.
 */
const STEP_BUDGET = 120_000;
const MIN_STEPS = 20;

/**
 * Price vectors tried from the relaxation: the last few of the annealing, as many as a
 * budget of about 15,000 job–site terms allows (up to 8 on small instances, where the
 * weaker local search benefits most from several starts).
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
  if (sizes.length === 1) {
    const assignment = assignByShortestPaths(problem, sizes[0] as number);
    return finish(problem, assignment, loadsOf(problem, assignment), 0);
  }

  const steps = options.steps ?? Math.min(SCHEDULE.steps, Math.floor(STEP_BUDGET / (n * m)));
  const starts = [assignByShortestPaths(unitProxy(problem), 1)];
  if (steps >= MIN_STEPS || options.steps !== undefined) {
    const relax: RelaxOptions = {
      steps,
      startTemperature: options.startTemperature ?? SCHEDULE.startTemperature,
      endTemperature: options.endTemperature ?? SCHEDULE.endTemperature,
    };
    for (const prices of relaxPrices(problem, relax, startsFor(n, m))) {
      starts.push(roundWithPrices(problem, prices));
    }
  }
  const ran = starts.length > 1 ? steps : 0;
  let best: BalanceResult | undefined;
  for (const assignment of starts) {
    const load = loadsOf(problem, assignment);
    shedOverload(problem, assignment, load);
    improveByMoves(problem, assignment, load);
    if (overflowOf(problem, load) === 0) {
      const maxCycles = options.maxCycles ?? 4 * (n + m);
      for (let pass = 0; pass < MIXED_PASSES; pass++) {
        for (const size of sizes) cancelCycles(problem, assignment, load, size, maxCycles);
        if (!improveBySwaps(problem, assignment, load)) break;
      }
    }
    const result = finish(problem, assignment, load, ran);
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

/**
 * The same jobs with demand 1 each and every capacity scaled by n / Σ demand: its exact
 * optimum puts each job about where the real problem's optimum does, loads up to the
 * difference between a job's demand and the mean.
 */
function unitProxy(problem: BalanceProblem): BalanceProblem {
  const n = problem.demand.length;
  const total = problem.demand.reduce((a, b) => a + b, 0);
  return {
    cost: problem.cost,
    demand: new Float64Array(n).fill(1),
    capacity: problem.capacity.map((c) => (c * n) / total),
  };
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
