import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation, type SimRunOptions } from "../../../shared/sim/run";

/**
 * Seeds 1–30 of the randomized runs (5 replicas, 200 operations, every fault) with a
 * deliberately broken part: how many the cluster's safety checks and the checker flag.
 */
export function plantedBugCatches(planted: Partial<SimRunOptions>): {
  unsafe: number;
  nonLinearizable: number;
} {
  let unsafe = 0;
  let nonLinearizable = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const run = runSimulation({ seed, nodes: 5, ops: 200, faults: FAULT_NAMES, ...planted });
    if (run.summary.violations.length > 0) unsafe++;
    if (!checkLinearizable(run.history).ok) nonLinearizable++;
  }
  return { unsafe, nonLinearizable };
}
