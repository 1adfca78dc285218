import { describe, expect, it } from "vitest";
import type { HistoryEvent, RegisterValue } from "../../../shared/lincheck/history";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { type RandomHistoryOptions, randomHistory } from "./random-history";

const options: RandomHistoryOptions = { processes: 5, opsPerProcess: 200, keys: 3, infoRate: 0.1 };
const SEEDS = 40;

/** Index of the completion event paired with the invoke at `invoke`. */
function completionOf(history: readonly HistoryEvent[], invoke: number): number {
  const process = history[invoke]?.process;
  return history.findIndex((e, i) => i > invoke && e.process === process);
}

/**
 * Finds an ok read R and a value v such that v's only writer W completed before another
 * successful write W2 on the same key was invoked, and W2 completed before R was invoked:
 * R reading v is then impossible in any linearization.
 */
function findStaleReadPlant(history: readonly HistoryEvent[]) {
  const setters = history.flatMap((e, i) => {
    if (e.type !== "invoke" || e.f === "read") return [];
    const done = completionOf(history, i);
    if (done < 0 || history[done]?.type !== "ok") return [];
    const value = (e.f === "cas" ? (e.value as RegisterValue[])[1] : e.value) as RegisterValue;
    return [{ key: e.key, value, invoke: i, done }];
  });
  for (const [r, read] of history.entries()) {
    if (read.type !== "invoke" || read.f !== "read") continue;
    const rDone = completionOf(history, r);
    if (rDone < 0 || history[rDone]?.type !== "ok") continue;
    for (const w2 of setters.filter((s) => s.key === read.key && s.done < r)) {
      const w = setters.find((s) => s.key === read.key && s.done < w2.invoke);
      if (w && history[rDone]?.value !== w.value) return { rDone, value: w.value };
    }
  }
  return null;
}

describe("checkLinearizable on random histories of a real register", () => {
  it(`accepts ${SEEDS} valid-by-construction histories of 5 clients × 200 ops with info ops`, () => {
    let infos = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const history = randomHistory(seed, options);
      infos += history.filter((e) => e.type === "info").length;
      expect(checkLinearizable(history), `seed ${seed}`).toEqual({ ok: true });
    }
    expect(infos).toBeGreaterThan(SEEDS * 50);
  });

  it("accepts histories that write only three distinct values, where nothing can be pruned", () => {
    const repeated = { ...options, keys: 1, infoRate: 0.2, distinctValues: 3 };
    for (let seed = 1; seed <= 20; seed++) {
      const history = randomHistory(seed, repeated);
      expect(checkLinearizable(history), `seed ${seed}`).toEqual({ ok: true });
    }
  });

  it("rejects each of those histories once one read returns a value never written", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const history = randomHistory(seed, options);
      const target = history.findIndex((e) => e.type === "ok" && e.f === "read" && e.time > 500);
      const corrupted = history.map((e, i) => (i === target ? { ...e, value: "corrupt" } : e));
      const result = checkLinearizable(corrupted);
      expect(result.ok, `seed ${seed}`).toBe(false);
      if (!result.ok) {
        expect(result.key).toBe(history[target]?.key);
        expect(result.counterexample).toContain(corrupted[target]);
      }
    }
  });

  it("rejects each of those histories once one read returns an overwritten value", () => {
    let planted = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const history = randomHistory(seed, options);
      const plant = findStaleReadPlant(history);
      if (!plant) continue;
      planted++;
      const corrupted = history.map((e, i) =>
        i === plant.rDone ? { ...e, value: plant.value } : e,
      );
      const result = checkLinearizable(corrupted);
      expect(result.ok, `seed ${seed}`).toBe(false);
      if (!result.ok) {
        expect(result.counterexample).toContain(corrupted[plant.rDone]);
        expect(checkLinearizable(result.counterexample).ok).toBe(false);
        expect(result.counterexample.length).toBeLessThan(20);
      }
    }
    expect(planted).toBeGreaterThan(SEEDS / 2);
  });
});
