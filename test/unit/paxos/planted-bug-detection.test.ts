import { describe, expect, it } from "vitest";
import { plantedBugCatches } from "../sim/planted-runs";
import { IgnoresAcceptedValues } from "./planted-bugs";

describe("randomized Paxos runs against a planted bug", () => {
  it("catch a phase 1 that ignores accepted values, by safety check and by checker", () => {
    const caught = plantedBugCatches({
      engine: { name: "paxos" },
      makePaxos: (o) => new IgnoresAcceptedValues(o),
    });
    // The same seeds with the correct core pass (paxos/randomized-1.test.ts covers them).
    expect(caught.unsafe).toBeGreaterThanOrEqual(3);
    expect(caught.nonLinearizable).toBeGreaterThanOrEqual(1);
  });
});
