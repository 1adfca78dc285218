import { describe, expect, it } from "vitest";
import type { HistoryEvent, OpName, RegisterValue } from "../../../shared/lincheck/history";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { collectOperations, type Operation } from "../../../shared/lincheck/operations";
import { Rng } from "../../../shared/rng";

/**
 * The definition, searched exhaustively: some order of all ok ops and any subset of the
 * info ops, respecting real time, in which every op is legal. No pruning, no memo.
 */
function bruteForce(ops: readonly Operation[]): boolean {
  const placed = ops.map(() => false);
  const okCount = ops.filter((op) => op.outcome === "ok").length;
  const search = (state: RegisterValue, okPlaced: number): boolean => {
    if (okPlaced === okCount) return true;
    return ops.some((op, i) => {
      if (placed[i]) return false;
      const blocked = ops.some(
        (other, j) =>
          !placed[j] && other.outcome === "ok" && (other.complete as number) < op.invoke,
      );
      if (blocked || (op.expect !== undefined && op.expect !== state)) return false;
      placed[i] = true;
      const found = search(
        op.set === undefined ? state : op.set,
        okPlaced + (op.outcome === "ok" ? 1 : 0),
      );
      placed[i] = false;
      return found;
    });
  };
  return search(null, 0);
}

/** A random small single-key history: 3 processes, 2–3 ops each, values 1 and 2. */
function smallHistory(rng: Rng): HistoryEvent[] {
  const values: RegisterValue[] = [null, 1, 2];
  const left = [rng.range(2, 3), rng.range(2, 3), rng.range(2, 3)];
  const open = new Map<number, { f: OpName; value: HistoryEvent["value"] }>();
  const events: HistoryEvent[] = [];
  const push = (
    process: number,
    type: HistoryEvent["type"],
    f: OpName,
    value: HistoryEvent["value"],
  ) => events.push({ process, type, f, key: "x", value, time: events.length });
  for (;;) {
    const live = [0, 1, 2].filter((p) => open.has(p) || (left[p] as number) > 0);
    if (live.length === 0) return events;
    const p = rng.pick(live);
    const op = open.get(p);
    if (op) {
      open.delete(p);
      const roll = rng.next();
      if (roll < 0.55) push(p, "ok", op.f, op.f === "read" ? rng.pick(values) : op.value);
      else if (roll < 0.75) push(p, "info", op.f, op.value);
      else if (roll < 0.9) push(p, "fail", op.f, op.value);
      else left[p] = 0; // never completes, like a crashed client
      continue;
    }
    left[p] = (left[p] as number) - 1;
    const f = rng.pick<OpName>(["read", "write", "cas"]);
    const value: HistoryEvent["value"] =
      f === "read" ? null : f === "write" ? rng.pick([1, 2]) : [rng.pick(values), rng.pick([1, 2])];
    open.set(p, { f, value });
    push(p, "invoke", f, value);
  }
}

describe("checkLinearizable agrees with an exhaustive search", () => {
  it("gives the same verdict on 1,500 random small histories, both verdicts well represented", () => {
    const rng = new Rng(2024);
    const verdicts = { linearizable: 0, not: 0 };
    for (let i = 0; i < 1500; i++) {
      const history = smallHistory(rng);
      const expected = bruteForce(collectOperations(history).get("x") ?? []);
      const result = checkLinearizable(history);
      expect(result.ok, JSON.stringify(history)).toBe(expected);
      verdicts[expected ? "linearizable" : "not"]++;
      if (!result.ok) {
        const core = collectOperations(result.counterexample).get("x") ?? [];
        expect(bruteForce(core), JSON.stringify(result.counterexample)).toBe(false);
      }
    }
    expect(verdicts.linearizable).toBeGreaterThan(300);
    expect(verdicts.not).toBeGreaterThan(300);
  });
});
