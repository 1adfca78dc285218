import { describe, it } from "vitest";
import { checkSeedRange } from "../sim/seed-range";

describe("randomized Paxos runs under every fault", () => {
  it("stay linearizable and safe with flexible quorums 4/2 for seeds 501–750", () => {
    checkSeedRange(501, 250, { name: "paxos", quorums: { phase1: 4, phase2: 2 } });
  }, 600_000);
});
