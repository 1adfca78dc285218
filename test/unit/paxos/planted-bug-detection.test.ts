import { describe, expect, it } from "vitest";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";
import { IgnoresAcceptedValues } from "./planted-bugs";

describe("randomized Paxos runs against a planted bug", () => {
  it("catch a phase 1 that ignores accepted values, by safety check and by checker", () => {
    let unsafe = 0;
    let nonLinearizable = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { history, summary } = runSimulation({
        seed,
        nodes: 5,
        ops: 200,
        faults: FAULT_NAMES,
        engine: { name: "paxos" },
        makePaxos: (o) => new IgnoresAcceptedValues(o),
      });
      if (summary.violations.length > 0) unsafe++;
      if (!checkLinearizable(history).ok) nonLinearizable++;
    }
    // The same seeds with the correct core pass (paxos-randomized-1.test.ts covers them).
    expect(unsafe).toBeGreaterThanOrEqual(3);
    expect(nonLinearizable).toBeGreaterThanOrEqual(1);
  });
});
