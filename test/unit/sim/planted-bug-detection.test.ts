import { describe, expect, it } from "vitest";
import { IgnoresElectionRestriction } from "../raft/planted-bugs";
import { plantedBugCatches } from "./planted-runs";

describe("randomized runs against a planted bug", () => {
  it("catch a core that ignores the election restriction, by safety check and by checker", () => {
    const caught = plantedBugCatches({ makeRaft: (o) => new IgnoresElectionRestriction(o) });
    // The same seeds with the correct core pass (randomized-1.test.ts covers seeds 1–250).
    expect(caught.unsafe).toBeGreaterThanOrEqual(3);
    expect(caught.nonLinearizable).toBeGreaterThanOrEqual(1);
  });
});
