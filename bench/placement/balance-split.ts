/**
 * Where the balancer's CPU time goes on one placement instance, measured in one process
 * with the parts interleaved (the machine is shared and noisy, so runs are not compared
 * across processes): the gradient descent with its warm start, the rest of `balance`
 * (fast-path check, rounding and repair), and the rest of `place()` (validation, k-means,
 * site choice, cost matrix, summary).
 */
import { balance, SCHEDULE } from "../../shared/sched/balance/balance";
import { place, sitedProblem } from "../../shared/sched/placement/place";
import { relaxPrices, shadowPrices } from "../../shared/sched/wasm/balance-parts";
import { median } from "../../shared/stats";

/** Median CPU milliseconds of each part, and what the descent did. */
export interface BalanceSplit {
  readonly placeMs: number;
  readonly balanceMs: number;
  readonly descentMs: number;
  readonly repairMs: number;
  readonly restMs: number;
  readonly steps: number;
  /** Σ overflow of the rounding of the warm-start prices, and of the descent's prices. */
  readonly warmOverflow: number;
  readonly roundedOverflow: number;
  /** Σ demand·latency ÷ Σ demand of the balanced assignment. */
  readonly meanLatencyMs: number;
}

function cpuMsOf(run: () => unknown, repeat: number): number {
  const start = process.cpuUsage();
  for (let r = 0; r < repeat; r++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / repeat;
}

/** Times the parts of placing `body` over `rounds` interleaved rounds. */
export function balanceSplit(body: unknown, rounds: number): BalanceSplit {
  const { problem } = sitedProblem(body);
  const descent = () => relaxPrices(problem, shadowPrices(problem), SCHEDULE);
  const result = balance(problem);
  const relaxation = descent();
  const placeMs: number[] = [];
  const balanceMs: number[] = [];
  const descentMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    placeMs.push(cpuMsOf(() => place(body), 1));
    balanceMs.push(cpuMsOf(() => balance(problem), 5));
    descentMs.push(cpuMsOf(descent, 5));
  }
  const total = demandOf(problem.demand);
  return {
    placeMs: median(placeMs),
    balanceMs: median(balanceMs),
    descentMs: median(descentMs),
    repairMs: median(balanceMs) - median(descentMs),
    restMs: median(placeMs) - median(balanceMs),
    steps: result.steps,
    warmOverflow: relaxation.startOverflow,
    roundedOverflow: result.roundedOverflow,
    meanLatencyMs: result.cost / total,
  };
}

function demandOf(demand: Float64Array): number {
  return demand.reduce((a, b) => a + b, 0);
}
