import { describe, it } from "vitest";
import { checkSeedRange } from "../sim/seed-range";

describe("randomized Paxos runs under every fault", () => {
  it("stay linearizable and safe with majority quorums for seeds 251–500", () => {
    checkSeedRange(251, 250, { name: "paxos" });
  }, 600_000);
});
