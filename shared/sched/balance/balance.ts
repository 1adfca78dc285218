/**
 * Capacity-aware assignment of jobs to sites, minimising Σ demand·latency.
 *
 * When every job's cheapest site already respects capacity, that assignment is optimal
 * and is returned directly. Otherwise capacity binds, and the balancer runs, whatever the
 * instance size:
 *
 * 1. gradient descent on the annealed softmax relaxation (relax.ts): site prices, warm
 *    started from the nearest assignment's per-site shadow prices (warm-start.ts), are
 *    learned until the rounding of the prices respects capacity or the schedule ends;
 * 2. rounding: each job on its site of least cost + price;
 * 3. repair from that rounding. With equal demands, successive shortest paths on the site
 *    graph (shortest-paths.ts) re-insert the jobs the rounding left over capacity, then
 *    cycle cancelling (cycles.ts) removes what non-optimal prices left, which makes the
 *    result exact. With mixed demands (the problem then contains bin packing), the
 *    overloaded sites shed jobs at least extra cost per unit relieved (repair.ts), then
 *    single moves, cycle cancelling per demand size and swaps of jobs of different sizes
 *    improve it; on small instances the last few price vectors of the descent are also
 *    rounded and repaired, and the best result kept.
 */

import { cancelCycles } from "./cycles";
import { MoveTable } from "./move-table";
import {
  type BalanceProblem,
  costOf,
  demandSizes,
  loadsOf,
  nearestAssignment,
  overflowOf,
} from "./problem";
import { type RelaxOptions, relaxPrices } from "./relax";
import { improveByMoves, improveBySwaps, roundWithPrices, shedOverload } from "./repair";
import { assignByShortestPaths } from "./shortest-paths";
import { shadowPrices } from "./warm-start";

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
  /** Gradient steps of the relaxation (0 when capacity did not bind). */
  readonly steps: number;
  /** Σ overflow of the rounding the repair started from (0 when capacity did not bind). */
  readonly roundedOverflow: number;
}

/**
 * With unequal demands, rounds of cycle cancelling (per demand size) and swaps, which
 * exchange jobs of different sizes as equal-size cycles cannot.
 */
const MIXED_PASSES = 3;

/** Annealing schedule of the descent. */
export const SCHEDULE: RelaxOptions = { steps: 12, startTemperature: 0.05, endTemperature: 0.002 };

/** Assigns every job of `problem` to a site. */
export function balance(problem: BalanceProblem, options: BalanceOptions = {}): BalanceResult {
  const nearest = nearestAssignment(problem);
  const nearestLoad = loadsOf(problem, nearest);
  if (overflowOf(problem, nearestLoad) === 0) return finish(problem, nearest, nearestLoad, 0, 0);

  const n = problem.demand.length;
  const m = problem.capacity.length;
  const grouped = demandSizes(problem);
  const { sizes } = grouped;
  const schedule: RelaxOptions = {
    steps: options.steps ?? SCHEDULE.steps,
    startTemperature: options.startTemperature ?? SCHEDULE.startTemperature,
    endTemperature: options.endTemperature ?? SCHEDULE.endTemperature,
  };
  const keep = sizes.length === 1 ? 0 : extraStarts(n, m);
  const relaxation = relaxPrices(problem, shadowPrices(problem), schedule, keep);
  const { prices, steps } = relaxation;
  const maxCycles = options.maxCycles ?? 4 * (n + m);
  if (sizes.length === 1) {
    const size = sizes[0] as number;
    const assignment = assignByShortestPaths(problem, size, prices);
    const load = loadsOf(problem, assignment);
    if (overflowOf(problem, load) === 0) cancelCycles(problem, assignment, load, size, maxCycles);
    return finish(problem, assignment, load, steps, relaxation.overflow);
  }

  let best: BalanceResult | undefined;
  for (const start of distinct([prices, ...relaxation.recent])) {
    const assignment = roundWithPrices(problem, start);
    const load = loadsOf(problem, assignment);
    const table = new MoveTable(problem, grouped, assignment, load);
    shedOverload(table);
    improveByMoves(table);
    if (overflowOf(problem, load) === 0) {
      for (let pass = 0; pass < MIXED_PASSES; pass++) {
        for (const size of sizes) cancelCycles(problem, assignment, load, size, maxCycles);
        if (!improveBySwaps(new MoveTable(problem, grouped, assignment, load))) break;
      }
    }
    const result = finish(problem, assignment, load, steps, relaxation.overflow);
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
 * With mixed demands, how many of the descent's last price vectors are also rounded and
 * repaired besides the best one: as many as a budget of about 15,000 job–site terms
 * allows, up to 8, so only on small instances, where the weaker local search benefits
 * most from several starts.
 */
function extraStarts(n: number, m: number): number {
  return Math.min(8, Math.floor(15_000 / (n * m)));
}

/** The price vectors in order, each only once (the best is often also the last). */
function distinct(vectors: readonly Float64Array[]): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const v of vectors) {
    if (!kept.some((k) => k.every((x, j) => x === v[j]))) kept.push(v);
  }
  return kept;
}

function finish(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  steps: number,
  roundedOverflow: number,
): BalanceResult {
  return {
    assignment,
    load,
    cost: costOf(problem, assignment),
    overflow: overflowOf(problem, load),
    steps,
    roundedOverflow,
  };
}
