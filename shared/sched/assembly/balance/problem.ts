/**
 * The load-balancing problem: n jobs with demands, m sites with capacities, and a per-unit
 * cost c[i·m + j] of serving job i at site j (the modelled latency). An assignment gives
 * every job one site; its cost is Σ demand[i]·c[i, site(i)], and it is feasible when no
 * site's load (Σ of the demands assigned to it) exceeds its capacity. Capacities may be
 * Infinity (unlimited).
 */
import { sortAscending } from "./sort";

/** An instance, as the JavaScript side passed it in. */
export class Problem {
  /** n·m per-unit costs, row-major by job. */
  readonly cost: Float64Array;
  /** n positive demands. */
  readonly demand: Float64Array;
  /** m non-negative capacities (Infinity when unlimited). */
  readonly capacity: Float64Array;
  readonly n: i32;
  readonly m: i32;

  constructor(cost: Float64Array, demand: Float64Array, capacity: Float64Array) {
    this.cost = cost;
    this.demand = demand;
    this.capacity = capacity;
    this.n = demand.length;
    this.m = capacity.length;
  }
}

/** Per-site load of an assignment, summed in job order. */
export function loadsOf(problem: Problem, assignment: Int32Array): Float64Array {
  const load = new Float64Array(problem.m);
  for (let i = 0; i < assignment.length; i++) load[assignment[i]] += problem.demand[i];
  return load;
}

/** Σ demand·cost of an assignment, summed in job order. */
export function costOf(problem: Problem, assignment: Int32Array): f64 {
  const m = problem.m;
  let total: f64 = 0;
  for (let i = 0; i < assignment.length; i++) {
    total += problem.demand[i] * problem.cost[i * m + assignment[i]];
  }
  return total;
}

/** Σ over sites of the load above capacity (0 for a feasible assignment). */
export function overflowOf(capacity: Float64Array, load: Float64Array): f64 {
  let overflow: f64 = 0;
  for (let j = 0; j < load.length; j++) overflow += max<f64>(0, load[j] - capacity[j]);
  return overflow;
}

/** Every job on its cheapest site (the lowest index on ties), capacity ignored. */
export function nearestAssignment(problem: Problem): Int32Array {
  const m = problem.m;
  const n = problem.n;
  const cost = problem.cost;
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < m; j++) if (cost[i * m + j] < cost[i * m + best]) best = j;
    assignment[i] = best;
  }
  return assignment;
}

/** The distinct demands of a problem, ascending, and each job's index among them. */
export class DemandSizes {
  readonly sizes: Float64Array;
  /** sizeIndex[i] = the index in `sizes` of job i's demand. */
  readonly sizeIndex: Int32Array;

  constructor(sizes: Float64Array, sizeIndex: Int32Array) {
    this.sizes = sizes;
    this.sizeIndex = sizeIndex;
  }
}

/** Groups the jobs of `problem` by demand. */
export function demandSizes(problem: Problem): DemandSizes {
  const n = problem.n;
  const all = new Float64Array(n);
  for (let i = 0; i < n; i++) all[i] = problem.demand[i];
  sortAscending(all);
  let count = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[count++] = all[i];
  const sizes = all.slice(0, count);
  const sizeIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = problem.demand[i];
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sizes[mid] < d) lo = mid + 1;
      else hi = mid;
    }
    sizeIndex[i] = lo;
  }
  return new DemandSizes(sizes, sizeIndex);
}
