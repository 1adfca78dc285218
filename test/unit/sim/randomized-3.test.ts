import { describe, it } from "vitest";
import { checkSeedRange } from "./seed-range";

describe("randomized runs under every fault", () => {
  it("stay linearizable and safe for seeds 501–750", () => {
    checkSeedRange(501, 250);
  }, 600_000);
});
