import { describe, expect, it } from "vitest";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";
import { IgnoresElectionRestriction } from "../raft/planted-bugs";

describe("randomized runs against a planted bug", () => {
  it("catch a core that ignores the election restriction, by safety check and by checker", () => {
    let unsafe = 0;
    let nonLinearizable = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { history, summary } = runSimulation({
        seed,
        nodes: 5,
        ops: 200,
        faults: FAULT_NAMES,
        makeRaft: (o) => new IgnoresElectionRestriction(o),
      });
      if (summary.violations.length > 0) unsafe++;
      if (!checkLinearizable(history).ok) nonLinearizable++;
    }
    // The same seeds with the correct core pass (randomized-1.test.ts covers seeds 1–250).
    expect(unsafe).toBeGreaterThanOrEqual(3);
    expect(nonLinearizable).toBeGreaterThanOrEqual(1);
  });
});
