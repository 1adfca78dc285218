/**
 * The balancer's exports to JavaScript (shared/sched/balance/balance.ts and
 * shared/sched/wasm/balance-parts.ts): arrays come in as heap pointers, results go out
 * into arrays the caller allocated.
 */
import { balance } from "./balance";
import { MoveTable } from "./move-table";
import { demandSizes, loadsOf, Problem } from "./problem";
import { RelaxOptions, relaxPrices } from "./relax";
import { siteOrder } from "./site-order";
import { shadowPrices } from "./warm-start";

/**
 * Balances the problem (cost n·m, demand n, capacity m with Infinity for unlimited),
 * writes the assignment (n) and per-site load (m) to the given arrays and returns
 * [cost, overflow, steps, roundedOverflow].
 */
export function balanceJobs(
  cost: Float64Array,
  demand: Float64Array,
  capacity: Float64Array,
  startTemperature: f64,
  annealing: Float64Array,
  maxCycles: f64,
  assignment: Int32Array,
  load: Float64Array,
): Float64Array {
  const problem = new Problem(cost, demand, capacity);
  const stats = new Float64Array(4);
  if (problem.m === 0) {
    // No site: every job nominally on site 0, whose cost is undefined unless no job exists.
    stats[0] = problem.n > 0 ? NaN : 0;
    return stats;
  }
  const schedule = new RelaxOptions(startTemperature, annealing);
  const result = balance(problem, schedule, maxCycles);
  assignment.set(result.assignment);
  load.set(result.load);
  stats[0] = result.cost;
  stats[1] = result.overflow;
  stats[2] = result.steps;
  stats[3] = result.roundedOverflow;
  return stats;
}

/**
 * The relaxation alone, from `start`: writes the chosen prices to `prices` (m), the last
 * `keep` price vectors to `recent` (keep·m, oldest first), and returns [overflow,
 * startOverflow, steps, vectors in recent].
 */
export function balanceRelaxPrices(
  cost: Float64Array,
  demand: Float64Array,
  capacity: Float64Array,
  start: Float64Array,
  startTemperature: f64,
  annealing: Float64Array,
  keep: i32,
  prices: Float64Array,
  recent: Float64Array,
): Float64Array {
  const problem = new Problem(cost, demand, capacity);
  const options = new RelaxOptions(startTemperature, annealing);
  const relaxation = relaxPrices(problem, start, options, keep);
  prices.set(relaxation.prices);
  const m = problem.m;
  for (let k = 0; k < relaxation.recent.length; k++) recent.set(relaxation.recent[k], k * m);
  const stats = new Float64Array(4);
  stats[0] = relaxation.overflow;
  stats[1] = relaxation.startOverflow;
  stats[2] = relaxation.steps;
  stats[3] = relaxation.recent.length;
  return stats;
}

/** The warm-start prices of the problem (m entries). */
export function balanceShadowPrices(
  cost: Float64Array,
  demand: Float64Array,
  capacity: Float64Array,
): Float64Array {
  return shadowPrices(new Problem(cost, demand, capacity));
}

/** Each job's sites by increasing cost: writes the ranks to `order`, returns the costs. */
export function balanceSiteOrder(
  cost: Float64Array,
  n: i32,
  m: i32,
  order: Int32Array,
): Float64Array {
  const ordered = siteOrder(cost, n, m);
  order.set(ordered.order);
  return ordered.sorted;
}

/**
 * Builds the move table of `assignment` and makes the (job, to) moves of `moves` in
 * order; after the build and after each move, appends the table's delta (m·m·S entries),
 * mover and per-site load to `delta`, `mover` and `load`. Returns the demand sizes.
 */
export function balanceMoveTableTrace(
  cost: Float64Array,
  demand: Float64Array,
  capacity: Float64Array,
  assignment: Int32Array,
  moves: Int32Array,
  delta: Float64Array,
  mover: Int32Array,
  load: Float64Array,
): Float64Array {
  const problem = new Problem(cost, demand, capacity);
  const grouped = demandSizes(problem);
  const table = new MoveTable(problem, grouped, assignment, loadsOf(problem, assignment));
  const cells = table.delta.length;
  const m = problem.m;
  for (let k = 0; k <= moves.length >> 1; k++) {
    if (k > 0) table.move(moves[2 * k - 2], moves[2 * k - 1]);
    delta.set(table.delta, k * cells);
    mover.set(table.mover, k * cells);
    load.set(table.load, k * m);
  }
  return grouped.sizes;
}
