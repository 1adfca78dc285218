import { describe, it } from "vitest";
import { checkSeedRange } from "./seed-range";

describe("randomized runs under every fault", () => {
  it("stay linearizable and safe for seeds 751–1000", () => {
    checkSeedRange(751, 250);
  }, 600_000);
});
