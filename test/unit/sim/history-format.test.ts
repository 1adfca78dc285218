import { describe, expect, it } from "vitest";
import { fromJsonLines, toJsonLines } from "../../../shared/lincheck/history";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { runSimulation } from "../../../shared/sim/run";

describe("simulated histories", () => {
  it("pair every invoke with at most one completion, in time order, and survive JSON Lines", () => {
    const { history } = runSimulation({
      seed: 7,
      nodes: 5,
      ops: 300,
      faults: ["crash", "partition", "drop"],
    });
    const open = new Map<number, string>();
    let last = 0;
    for (const e of history) {
      expect(e.time).toBeGreaterThanOrEqual(last);
      last = e.time;
      if (e.type === "invoke") {
        expect(open.has(e.process)).toBe(false);
        open.set(e.process, e.f);
      } else {
        expect(open.get(e.process)).toBe(e.f);
        open.delete(e.process);
      }
      if (e.f === "cas") expect(Array.isArray(e.value)).toBe(true);
    }
    expect(open.size).toBe(0);
    expect(history.filter((e) => e.type === "invoke")).toHaveLength(300);
    const parsed = fromJsonLines(toJsonLines(history));
    expect(parsed).toEqual(history);
    expect(checkLinearizable(parsed).ok).toBe(true);
  });

  it("is a pure function of the seed", () => {
    const a = runSimulation({ seed: 11, nodes: 3, ops: 100, faults: ["drop", "delay", "crash"] });
    const b = runSimulation({ seed: 11, nodes: 3, ops: 100, faults: ["drop", "delay", "crash"] });
    const c = runSimulation({ seed: 12, nodes: 3, ops: 100, faults: ["drop", "delay", "crash"] });
    expect(a.history).toEqual(b.history);
    expect(a.summary).toEqual(b.summary);
    expect(c.history).not.toEqual(a.history);
  });
});
