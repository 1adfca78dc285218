import { describe, it } from "vitest";
import { checkSeedRange } from "./seed-range";

describe("randomized runs of groups that go quiet between operations", () => {
  // Quiescing after one idle tick, groups record their leader at every lull; evictions then
  // restart leaders that resume their terms without an election (a few dozen times here),
  // and replicas whose disks hold a commit index older than what was acknowledged.
  it("stay linearizable and safe for seeds 1–150 under every fault", () => {
    checkSeedRange(1, 150, { name: "raft" }, 1);
  }, 600_000);
});
