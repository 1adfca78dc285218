/**
 * Plain reference computations on balancing assignments for the tests, written
 * independently of the balancer (which is WebAssembly): per-site loads, Σ demand·cost and
 * each job's cheapest site.
 */
import type { BalanceProblem } from "../../../shared/sched/balance/problem";

/** Per-site load of an assignment. */
export function loadsOf(problem: BalanceProblem, assignment: Int32Array): Float64Array {
  const load = new Float64Array(problem.capacity.length);
  assignment.forEach((j, i) => {
    load[j] = (load[j] as number) + (problem.demand[i] as number);
  });
  return load;
}

/** Σ demand·cost of an assignment. */
export function costOf(problem: BalanceProblem, assignment: Int32Array): number {
  const m = problem.capacity.length;
  let total = 0;
  assignment.forEach((j, i) => {
    total += (problem.demand[i] as number) * (problem.cost[i * m + j] as number);
  });
  return total;
}

/** Every job's cheapest site, the lowest index on ties. */
export function nearestSites(problem: BalanceProblem): Int32Array {
  const m = problem.capacity.length;
  return Int32Array.from(problem.demand, (_, i) => {
    const row = Array.from(problem.cost.subarray(i * m, (i + 1) * m));
    return row.indexOf(Math.min(...row));
  });
}
