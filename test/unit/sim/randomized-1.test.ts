import { describe, it } from "vitest";
import { checkSeedRange } from "./seed-range";

describe("randomized runs under every fault", () => {
  it("stay linearizable and safe for seeds 1–250", () => {
    checkSeedRange(1, 250);
  }, 600_000);
});
