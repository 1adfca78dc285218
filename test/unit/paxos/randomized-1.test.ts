import { describe, it } from "vitest";
import { checkSeedRange } from "../sim/seed-range";

describe("randomized Paxos runs under every fault", () => {
  it("stay linearizable and safe with majority quorums for seeds 1–250", () => {
    checkSeedRange(1, 250, { name: "paxos" });
  }, 600_000);
});
