import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLOS_MODULE_PATH, COLOS_SOURCE_PATH, renderColos } from "../../../scripts/generate-colos";

describe("the generated colo catalog", () => {
  it("is what the generator makes from the committed source list (npm run colos:generate)", () => {
    const generated = renderColos(readFileSync(COLOS_SOURCE_PATH, "utf8"));
    const committed = readFileSync(COLOS_MODULE_PATH, "utf8");
    expect(committed, "shared/sched/colos.ts is stale: run npm run colos:generate").toBe(generated);
  });
});
