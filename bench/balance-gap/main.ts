/**
 * The balancer's gap to the exact min-cost-flow reference on random instances, the table
 * in docs/sched/README.md ("Balancing"): 100 instances of 20–200 jobs on 2–12 sites with
 * unit demands and no slack (the reference is the optimum), and 100 with demands 1–3 and
 * slack (m − 1)·3 (the reference may split a job, so it is a lower bound). Generator as in
 * the unit tests (test/unit/sched/balance-instances.ts), seeds 101 and 103.
 *
 *   npm run bench -- balance-gap
 */

import { Rng } from "../../shared/rng";
import { balance } from "../../shared/sched/balance/balance";
import { instance } from "../../test/unit/sched/balance-instances";
import { minCostFlowLowerBound } from "../../test/unit/sched/min-cost-flow";
import { emit, markdownTable } from "../report";

const INSTANCES = 100;

const rows: string[][] = [];
for (const [label, seed, maxDemand] of [
  ["all 1", 101, 1],
  ["1–3, slack (m − 1)·3", 103, 3],
] as const) {
  const rng = new Rng(seed);
  const gaps: number[] = [];
  let overflowing = 0;
  for (let t = 0; t < INSTANCES; t++) {
    const m = 2 + rng.int(11);
    const problem = instance(rng, {
      n: 20 + rng.int(181),
      m,
      maxDemand,
      slack: maxDemand === 1 ? 0 : (m - 1) * maxDemand,
    });
    const result = balance(problem);
    if (result.overflow > 0) overflowing++;
    gaps.push(result.cost / minCostFlowLowerBound(problem) - 1);
  }
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const worst = Math.max(...gaps);
  const over2 = gaps.filter((g) => g > 0.02).length;
  emit({
    bench: "balance-gap",
    demands: label,
    instances: INSTANCES,
    mean,
    worst,
    over2,
    overflowing,
  });
  rows.push([
    label,
    String(INSTANCES),
    `${(mean * 100).toFixed(3)} %`,
    `${(worst * 100).toFixed(3)} %`,
    String(over2),
  ]);
}
console.log(markdownTable(["demands", "instances", "mean gap", "worst gap", "over 2 %"], rows));
