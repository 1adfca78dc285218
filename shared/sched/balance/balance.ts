/**
 * Capacity-aware assignment of jobs to sites, minimising Σ demand·latency: the public API
 * of the balancer, whose implementation is WebAssembly (shared/sched/assembly/balance/,
 * where the algorithm and its reasoning are documented; balance.ts there is the outline).
 * When every job's cheapest site respects capacity, that assignment is returned;
 * otherwise an annealed softmax relaxation learns site prices, its rounding is repaired
 * (exactly, by shortest paths and cycle cancelling, when all demands are equal) and the
 * result is within capacity whenever the repair's guarantee applies (repair.ts there).
 */
import { KernelCall } from "../wasm/heap";
import type { BalanceProblem } from "./problem";

/** Annealing schedule of the relaxation. */
export interface RelaxOptions {
  /** Most gradient steps. */
  readonly steps: number;
  /** First temperature as a fraction of the mean per-job cost spread. */
  readonly startTemperature: number;
  /** Last temperature as a fraction of the mean per-job cost spread. */
  readonly endTemperature: number;
}

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
  /** Σ load above capacity; 0 unless the instance could not be repaired. */
  readonly overflow: number;
  /** Gradient steps of the relaxation (0 when capacity did not bind). */
  readonly steps: number;
  /** Σ overflow of the rounding the repair started from (0 when capacity did not bind). */
  readonly roundedOverflow: number;
}

/** Annealing schedule of the descent. */
export const SCHEDULE: RelaxOptions = { steps: 12, startTemperature: 0.05, endTemperature: 0.002 };

interface BalanceKernels extends Record<string, (...args: number[]) => number> {
  balanceJobs(
    cost: number,
    demand: number,
    capacity: number,
    steps: number,
    startTemperature: number,
    endTemperature: number,
    maxCycles: number,
    assignment: number,
    load: number,
  ): number;
}

/** Assigns every job of `problem` to a site (one run of the `balanceJobs` kernel). */
export function balance(problem: BalanceProblem, options: BalanceOptions = {}): BalanceResult {
  const n = problem.demand.length;
  const m = problem.capacity.length;
  const call = new KernelCall<BalanceKernels>();
  const assignment = call.i32(n);
  const load = call.f64(m);
  const statsAt = call.run.balanceJobs(
    call.f64(problem.cost),
    call.f64(problem.demand),
    call.f64(problem.capacity),
    options.steps ?? SCHEDULE.steps,
    options.startTemperature ?? SCHEDULE.startTemperature,
    options.endTemperature ?? SCHEDULE.endTemperature,
    options.maxCycles ?? 4 * (n + m),
    assignment,
    load,
  );
  const stats = call.readF64(statsAt);
  return {
    assignment: call.readI32(assignment),
    load: call.readF64(load),
    cost: stats[0] as number,
    overflow: stats[1] as number,
    steps: stats[2] as number,
    roundedOverflow: stats[3] as number,
  };
}
