/**
 * The load-balancing problem: n jobs with demands, m sites with capacities, and a per-unit
 * cost c[i·m + j] of serving job i at site j (the modelled latency). An assignment gives
 * every job one site; its cost is Σ demand[i]·c[i, site(i)], and it is feasible when no
 * site's load (Σ of the demands assigned to it) exceeds its capacity. The balancer that
 * solves it is WebAssembly (shared/sched/assembly/balance/, entered through balance.ts).
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
