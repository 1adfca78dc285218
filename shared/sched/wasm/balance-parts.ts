/**
 * Parts of the balancer (shared/sched/assembly/balance/) reachable on their own, for the
 * tests and the CPU split of bench/placement/balance-split.ts. Each function is one
 * KernelCall, so no two of them share heap pointers.
 */
import { annealing, type RelaxOptions } from "../balance/balance";
import type { BalanceProblem } from "../balance/problem";
import { KernelCall } from "./heap";

interface PartKernels extends Record<string, (...args: number[]) => number> {
  balanceRelaxPrices(
    cost: number,
    demand: number,
    capacity: number,
    start: number,
    startTemperature: number,
    annealing: number,
    keep: number,
    prices: number,
    recent: number,
  ): number;
  balanceShadowPrices(cost: number, demand: number, capacity: number): number;
  balanceSiteOrder(cost: number, n: number, m: number, order: number): number;
  balanceMoveTableTrace(
    cost: number,
    demand: number,
    capacity: number,
    assignment: number,
    moves: number,
    delta: number,
    mover: number,
    load: number,
  ): number;
}

/** What the relaxation's descent learned (shared/sched/assembly/balance/relax.ts). */
export interface Relaxation {
  /** Prices whose rounding came closest to the optimality conditions. */
  readonly prices: Float64Array;
  /** Σ overflow of the rounding of `prices`. */
  readonly overflow: number;
  /** Σ overflow of the rounding of the start prices. */
  readonly startOverflow: number;
  /** Gradient steps taken. */
  readonly steps: number;
  /** The last `keep` price vectors the descent evaluated, last one last. */
  readonly recent: Float64Array[];
}

/** The relaxation's gradient descent on the site prices from `start` (m entries ≥ 0). */
export function relaxPrices(
  problem: BalanceProblem,
  start: Float64Array,
  options: RelaxOptions,
  keep = 0,
): Relaxation {
  const m = problem.capacity.length;
  const call = new KernelCall<PartKernels>();
  const prices = call.f64(m);
  const recent = call.f64(keep * m);
  const statsAt = call.run.balanceRelaxPrices(
    call.f64(problem.cost),
    call.f64(problem.demand),
    call.f64(problem.capacity),
    call.f64(start),
    options.startTemperature,
    call.f64(annealing(options)),
    keep,
    prices,
    recent,
  );
  const stats = call.readF64(statsAt);
  const vectors = call.readF64(recent);
  return {
    prices: call.readF64(prices),
    overflow: stats[0] as number,
    startOverflow: stats[1] as number,
    steps: stats[2] as number,
    recent: Array.from({ length: stats[3] as number }, (_, k) => vectors.slice(k * m, (k + 1) * m)),
  };
}

/** The relaxation's warm start: the nearest assignment's per-site shadow prices. */
export function shadowPrices(problem: BalanceProblem): Float64Array {
  const call = new KernelCall<PartKernels>();
  return call.readF64(
    call.run.balanceShadowPrices(
      call.f64(problem.cost),
      call.f64(problem.demand),
      call.f64(problem.capacity),
    ),
  );
}

/** Sites of every job by increasing cost (ties by site index), row-major. */
export interface SiteOrder {
  /** order[i·m + r] = the site of rank r for job i. */
  readonly order: Int32Array;
  /** sorted[i·m + r] = c[i, order[i·m + r]]. */
  readonly sorted: Float64Array;
}

/** Sorts the n rows of the n·m cost matrix `cost`, as the relaxation visits sites. */
export function siteOrder(cost: Float64Array, n: number, m: number): SiteOrder {
  const call = new KernelCall<PartKernels>();
  const order = call.i32(n * m);
  const sorted = call.run.balanceSiteOrder(call.f64(cost), n, m, order);
  return { order: call.readI32(order), sorted: call.readF64(sorted) };
}

/** The repair's move table after it is built and after each of a sequence of moves. */
export interface MoveTableTrace {
  /** The distinct demands, ascending (S of them). */
  readonly sizes: Float64Array;
  /** delta[k] and mover[k]: the table after k moves, m·m·S entries each (assembly/balance/move-table.ts). */
  readonly delta: Float64Array[];
  readonly mover: Int32Array[];
  /** load[k]: the table's per-site load after k moves. */
  readonly load: Float64Array[];
}

/**
 * Builds the move table of `assignment` (left unchanged) and makes `moves` ([job, to]
 * pairs) in order, recording the table after each.
 */
export function moveTableTrace(
  problem: BalanceProblem,
  assignment: Int32Array,
  moves: readonly (readonly [job: number, to: number])[],
): MoveTableTrace {
  const m = problem.capacity.length;
  const sizeCount = new Set(problem.demand).size;
  const cells = m * m * sizeCount;
  const states = moves.length + 1;
  const call = new KernelCall<PartKernels>();
  const delta = call.f64(states * cells);
  const mover = call.i32(states * cells);
  const load = call.f64(states * m);
  const sizes = call.run.balanceMoveTableTrace(
    call.f64(problem.cost),
    call.f64(problem.demand),
    call.f64(problem.capacity),
    call.i32(assignment),
    call.i32(moves.flat()),
    delta,
    mover,
    load,
  );
  const deltas = call.readF64(delta);
  const movers = call.readI32(mover);
  const loads = call.readF64(load);
  return {
    sizes: call.readF64(sizes),
    delta: Array.from({ length: states }, (_, k) => deltas.slice(k * cells, (k + 1) * cells)),
    mover: Array.from({ length: states }, (_, k) => movers.slice(k * cells, (k + 1) * cells)),
    load: Array.from({ length: states }, (_, k) => loads.slice(k * m, (k + 1) * m)),
  };
}
