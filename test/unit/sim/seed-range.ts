import { expect } from "vitest";
import type { EngineChoice } from "../../../shared/consensus/host/engine";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";

/**
 * Randomized runs shared by the `randomized-*.test.ts` files of each engine (split so
 * vitest runs them in parallel): 5 replicas, 200 operations, every fault. `EDGEOS_SOAK=1` multiplies the
 * seeds by 20 and the operations by 5 for long runs outside CI.
 */
export const SOAK = process.env.EDGEOS_SOAK === "1";

export function checkSeedRange(
  first: number,
  count: number,
  engine: EngineChoice = { name: "raft" },
  /** Idle ticks before a group quiesces (the runs' default when absent). */
  quiesceAfterTicks?: number,
): void {
  const seeds = SOAK ? count * 20 : count;
  const ops = SOAK ? 1_000 : 200;
  let ok = 0;
  for (let seed = first; seed < first + seeds; seed++) {
    const { history, summary } = runSimulation({
      seed,
      nodes: 5,
      ops,
      faults: FAULT_NAMES,
      engine,
      ...(quiesceAfterTicks === undefined ? {} : { quiesceAfterTicks }),
    });
    const verdict = checkLinearizable(history);
    if (!verdict.ok || summary.violations.length > 0 || !summary.finished) {
      expect.fail(
        `seed ${seed}: linearizable=${verdict.ok} finished=${summary.finished} violations=${JSON.stringify(summary.violations)}` +
          (verdict.ok ? "" : `\ncounterexample: ${JSON.stringify(verdict.counterexample)}`),
      );
    }
    ok += summary.ok;
  }
  // Faults must not starve the clients: on average well over a quarter of operations succeed.
  expect(ok / seeds).toBeGreaterThan(ops / 4);
}
