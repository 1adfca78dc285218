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
 *    rounded and repaired, and the best result kept (least overflow, then least cost,
 *    the earlier start on ties).
 */
import { CycleCanceller } from "./cycles";
import { MoveTable } from "./move-table";
import {
  costOf,
  DemandSizes,
  demandSizes,
  loadsOf,
  nearestAssignment,
  overflowOf,
  Problem,
} from "./problem";
import { RelaxOptions, relaxPrices } from "./relax";
import { improveByMoves, improveBySwaps, roundWithPrices, shedOverload } from "./repair";
import { assignByShortestPaths } from "./shortest-paths";
import { shadowPrices } from "./warm-start";

/**
 * With unequal demands, rounds of cycle cancelling (per demand size) and swaps, which
 * exchange jobs of different sizes as equal-size cycles cannot.
 */
const MIXED_PASSES = 3;

/** A balanced assignment. */
export class Balanced {
  /** Site index of each job. */
  readonly assignment: Int32Array;
  /** Per-site load. */
  readonly load: Float64Array;
  /** Σ demand·cost. */
  readonly cost: f64;
  /** Σ load above capacity; 0 unless the instance could not be repaired (see repair.ts). */
  readonly overflow: f64;
  /** Gradient steps of the relaxation (0 when capacity did not bind). */
  readonly steps: i32;
  /** Σ overflow of the rounding the repair started from (0 when capacity did not bind). */
  readonly roundedOverflow: f64;

  constructor(
    problem: Problem,
    assignment: Int32Array,
    load: Float64Array,
    steps: i32,
    roundedOverflow: f64,
  ) {
    this.assignment = assignment;
    this.load = load;
    this.cost = costOf(problem, assignment);
    this.overflow = overflowOf(problem.capacity, load);
    this.steps = steps;
    this.roundedOverflow = roundedOverflow;
  }
}

/**
 * Assigns every job of `problem` to a site, with the descent's `schedule` and at most
 * `maxCycles` negative cycles cancelled after each repair.
 */
export function balance(problem: Problem, schedule: RelaxOptions, maxCycles: f64): Balanced {
  const n = problem.n;
  const m = problem.m;
  const nearest = nearestAssignment(problem);
  const nearestLoad = loadsOf(problem, nearest);
  if (overflowOf(problem.capacity, nearestLoad) === 0) {
    return new Balanced(problem, nearest, nearestLoad, 0, 0);
  }
  const grouped = demandSizes(problem);
  const sizes = grouped.sizes;
  const keep = sizes.length === 1 ? 0 : extraStarts(n, m);
  const relaxation = relaxPrices(problem, shadowPrices(problem), schedule, keep);
  const prices = relaxation.prices;
  const steps = relaxation.steps;
  if (sizes.length === 1) {
    const size = sizes[0];
    const assignment = assignByShortestPaths(problem, size, prices);
    const load = loadsOf(problem, assignment);
    if (overflowOf(problem.capacity, load) === 0) {
      new CycleCanceller(problem).cancel(assignment, load, size, maxCycles);
    }
    return new Balanced(problem, assignment, load, steps, relaxation.overflow);
  }

  const starts = distinct(prices, relaxation.recent);
  const cycles = new CycleCanceller(problem);
  const overflow = relaxation.overflow;
  let best = repairFrom(problem, grouped, cycles, starts[0], maxCycles, steps, overflow);
  for (let k = 1; k < starts.length; k++) {
    const result = repairFrom(problem, grouped, cycles, starts[k], maxCycles, steps, overflow);
    if (
      result.overflow < best.overflow ||
      (result.overflow === best.overflow && result.cost < best.cost)
    ) {
      best = result;
    }
  }
  return best;
}

/**
 * With mixed demands: the rounding of `prices`, shed and improved by single moves, then,
 * if feasible, by rounds of cycle cancelling per demand size and swaps.
 */
function repairFrom(
  problem: Problem,
  grouped: DemandSizes,
  cycles: CycleCanceller,
  prices: Float64Array,
  maxCycles: f64,
  steps: i32,
  roundedOverflow: f64,
): Balanced {
  const sizes = grouped.sizes;
  const assignment = roundWithPrices(problem, prices);
  const load = loadsOf(problem, assignment);
  const table = new MoveTable(problem, grouped, assignment, load);
  shedOverload(table);
  improveByMoves(table);
  if (overflowOf(problem.capacity, load) === 0) {
    for (let pass = 0; pass < MIXED_PASSES; pass++) {
      for (let s = 0; s < sizes.length; s++) {
        cycles.cancel(assignment, load, sizes[s], maxCycles);
      }
      table.rebuild();
      if (!improveBySwaps(table)) break;
    }
  }
  return new Balanced(problem, assignment, load, steps, roundedOverflow);
}

/**
 * With mixed demands, how many of the descent's last price vectors are also rounded and
 * repaired besides the best one: as many as a budget of about 15,000 job–site terms
 * allows, up to 8, so only on small instances, where the weaker local search benefits
 * most from several starts.
 */
function extraStarts(n: i32, m: i32): i32 {
  return <i32>min<f64>(8, floor<f64>(15_000 / (<f64>n * <f64>m)));
}

/** `first`, then the vectors of `rest` in order, each only once (the best is often also the last). */
function distinct(first: Float64Array, rest: Array<Float64Array>): Array<Float64Array> {
  const kept: Array<Float64Array> = [first];
  for (let k = 0; k < rest.length; k++) {
    const v = rest[k];
    let seen = false;
    for (let c = 0; c < kept.length && !seen; c++) seen = equal(kept[c], v);
    if (!seen) kept.push(v);
  }
  return kept;
}

/** Whether two vectors of one length hold equal entries (as `===` compares numbers). */
function equal(a: Float64Array, b: Float64Array): bool {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}
