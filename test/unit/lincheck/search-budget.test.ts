import { describe, expect, it } from "vitest";
import { checkLinearizable, SearchBudgetExceededError } from "../../../shared/lincheck/index";
import { HistoryBuilder } from "./history-builder";

/** 30 writes of distinct values whose outcome is unknown, all overlapping everything after. */
function unknownWrites(h: HistoryBuilder): HistoryBuilder {
  for (let p = 0; p < 30; p++) h.write(p, "x", p + 1).info(p);
  return h;
}

describe("search cost with unknown outcomes", () => {
  it("decides a failing history with 30 unobserved info writes within 2,000 steps", () => {
    // Each info write could take effect anywhere after its invoke: 2^30 subsets, unless the
    // pruning notices nobody can observe them.
    const h = unknownWrites(new HistoryBuilder()).write(100, "x", 0).ok(100);
    h.read(101, "x").ok(101, 0).read(101, "x").ok(101, null);
    const result = checkLinearizable(h.events, { maxSteps: 2_000 });
    expect(result.ok).toBe(false);
    // The write of 0 and the read of null after it; the read of 0 is not needed.
    if (!result.ok)
      expect(result.counterexample).toEqual([
        h.events[60],
        h.events[61],
        h.events[64],
        h.events[65],
      ]);
  });

  it("finds which observed info writes took effect, in a consistent order, within 2,000 steps", () => {
    const h = unknownWrites(new HistoryBuilder());
    for (const seen of [3, 17, 5, 29]) h.read(200, "x").ok(200, seen);
    expect(checkLinearizable(h.events, { maxSteps: 2_000 }).ok).toBe(true);
    // Seeing 3 again after 17 is impossible: each write takes effect at most once.
    h.read(200, "x").ok(200, 3);
    expect(checkLinearizable(h.events, { maxSteps: 2_000 }).ok).toBe(false);
  });

  it("throws rather than guessing when the step budget runs out", () => {
    const h = unknownWrites(new HistoryBuilder());
    for (const seen of [3, 17, 5, 29]) h.read(200, "x").ok(200, seen);
    expect(() => checkLinearizable(h.events, { maxSteps: 5 })).toThrow(SearchBudgetExceededError);
  });
});
