import { describe, it } from "vitest";
import { checkSeedRange } from "./seed-range";

describe("randomized runs under every fault", () => {
  it("stay linearizable and safe for seeds 251–500", () => {
    checkSeedRange(251, 250);
  }, 600_000);
});
