import { describe, expect, it } from "vitest";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import type { HostFactory } from "../../../shared/sim/raft-replica";
import { runSimulation } from "../../../shared/sim/run";
import {
  AnswersWritesWhenAppended,
  ReadsWithoutConfirmingLeadership,
} from "../consensus/planted-host-bugs";

/** How many of seeds 1–30 give a history the checker refuses, with `makeHost`'s host. */
function nonLinearizableRuns(makeHost: HostFactory): number {
  let refused = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const { history } = runSimulation({ seed, nodes: 5, ops: 200, faults: FAULT_NAMES, makeHost });
    if (!checkLinearizable(history).ok) refused++;
  }
  return refused;
}

// The simulator runs the production `ConsensusHost`, so a bug in the host — not only in
// the Raft core — shows up in seeded runs. The same seeds with the correct host pass
// (randomized-1.test.ts covers seeds 1–250).
describe("randomized runs against a planted host bug", () => {
  it("catch a host that answers a write once appended, before it commits", () => {
    expect(nonLinearizableRuns((o) => new AnswersWritesWhenAppended(o))).toBeGreaterThanOrEqual(10);
  });

  it("catch a host that serves linearizable reads without confirming leadership", () => {
    expect(
      nonLinearizableRuns((o) => new ReadsWithoutConfirmingLeadership(o)),
    ).toBeGreaterThanOrEqual(1);
  });
});
