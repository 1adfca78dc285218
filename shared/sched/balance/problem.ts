/**
 * The load-balancing problem: n jobs with demands, m sites with capacities, and a per-unit
 * cost c[i·m + j] of serving job i at site j (the modelled latency). An assignment gives
 * every job one site; its cost is Σ demand[i]·c[i, site(i)], and it is feasible when no
 * site's load (Σ of the demands assigned to it) exceeds its capacity.
 */

/** An instance; capacities may be Infinity (unlimited). */
export interface BalanceProblem {
  /** n·m per-unit costs, row-major by job. */
  readonly cost: Float64Array;
  /** n positive demands. */
  readonly demand: Float64Array;
  /** m non-negative capacities. */
  readonly capacity: Float64Array;
}

/** Per-site load of an assignment. */
export function loadsOf(problem: BalanceProblem, assignment: Int32Array): Float64Array {
  const load = new Float64Array(problem.capacity.length);
  for (let i = 0; i < assignment.length; i++) {
    const j = assignment[i] as number;
    load[j] = (load[j] as number) + (problem.demand[i] as number);
  }
  return load;
}

/** Σ demand·cost of an assignment. */
export function costOf(problem: BalanceProblem, assignment: Int32Array): number {
  const m = problem.capacity.length;
  let total = 0;
  for (let i = 0; i < assignment.length; i++) {
    total +=
      (problem.demand[i] as number) * (problem.cost[i * m + (assignment[i] as number)] as number);
  }
  return total;
}

/** Σ over sites of the load above capacity (0 for a feasible assignment). */
export function overflowOf(problem: BalanceProblem, load: Float64Array): number {
  let overflow = 0;
  for (let j = 0; j < load.length; j++) {
    overflow += Math.max(0, (load[j] as number) - (problem.capacity[j] as number));
  }
  return overflow;
}

/** Every job on its cheapest site, capacity ignored. */
export function nearestAssignment(problem: BalanceProblem): Int32Array {
  const m = problem.capacity.length;
  const n = problem.demand.length;
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < m; j++) {
      if ((problem.cost[i * m + j] as number) < (problem.cost[i * m + best] as number)) best = j;
    }
    assignment[i] = best;
  }
  return assignment;
}

/** The distinct demands of a problem, ascending, and each job's index among them. */
export interface DemandSizes {
  readonly sizes: Float64Array;
  /** sizeIndex[i] = the index in `sizes` of job i's demand. */
  readonly sizeIndex: Int32Array;
}

/** Groups the jobs of `problem` by demand. */
export function demandSizes(problem: BalanceProblem): DemandSizes {
  const { demand } = problem;
  const index = new Map<number, number>();
  for (let i = 0; i < demand.length; i++) index.set(demand[i] as number, 0);
  const sizes = Float64Array.from(index.keys()).sort();
  for (let s = 0; s < sizes.length; s++) index.set(sizes[s] as number, s);
  const sizeIndex = new Int32Array(demand.length);
  for (let i = 0; i < demand.length; i++) sizeIndex[i] = index.get(demand[i] as number) as number;
  return { sizes, sizeIndex };
}
