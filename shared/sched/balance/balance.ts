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
    startTemperature: number,
    annealing: number,
    maxCycles: number,
    assignment: number,
    load: number,
  ): number;
}

/**
 * The temperature factor of each step of `schedule`, (end / start) ** (step / max(1,
 * steps − 1)): step s of the descent runs at startTemperature × mean cost spread ×
 * factor[s]. Computed here, with JavaScript's exponentiation, so the kernel needs no
 * call out to the host's Math.pow.
 */
export function annealing(schedule: RelaxOptions): Float64Array {
  const ratio = schedule.endTemperature / schedule.startTemperature;
  const factors: number[] = [];
  for (let step = 0; step < schedule.steps; step++) {
    factors.push(ratio ** (step / Math.max(1, schedule.steps - 1)));
  }
  return Float64Array.from(factors);
}

/** Assigns every job of `problem` to a site (one run of the `balanceJobs` kernel). */
export function balance(problem: BalanceProblem, options: BalanceOptions = {}): BalanceResult {
  const n = problem.demand.length;
  const m = problem.capacity.length;
  const schedule: RelaxOptions = {
    steps: options.steps ?? SCHEDULE.steps,
    startTemperature: options.startTemperature ?? SCHEDULE.startTemperature,
    endTemperature: options.endTemperature ?? SCHEDULE.endTemperature,
  };
  const call = new KernelCall<BalanceKernels>();
  const assignment = call.i32(n);
  const load = call.f64(m);
  const statsAt = call.run.balanceJobs(
    call.f64(problem.cost),
    call.f64(problem.demand),
    call.f64(problem.capacity),
    schedule.startTemperature,
    call.f64(annealing(schedule)),
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
