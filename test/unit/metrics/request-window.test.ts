import { describe, expect, it } from "vitest";
import {
  MAX_PROBLEMS,
  type Problem,
  RequestWindow,
  WINDOW_MINUTES,
  type WindowBatch,
} from "../../../shared/metrics/request-window";

const T0 = Date.UTC(2026, 11, 5, 12, 0, 0);
const MINUTE = 60_000;

const problem = (at: number, n = 0): Problem => ({
  at,
  method: "PUT",
  path: `/v1/groups/g/kv/k${n}`,
  status: 503,
  requestId: `r${n}`,
});

describe("a window of requests", () => {
  it("counts requests and 5xx answers per family, with quantiles of their latency", () => {
    const w = new RequestWindow();
    for (let i = 0; i < 99; i++) w.record("kv", 200, 2, T0);
    w.record("kv", 503, 400, T0 + 1000);
    w.record("jobs", 404, 10, T0);
    const s = w.summary(T0 + 2000);
    expect(s.windowMinutes).toBe(WINDOW_MINUTES);
    expect(s.families.map((f) => [f.family, f.requests, f.errors])).toEqual([
      ["kv", 100, 1],
      ["jobs", 1, 0],
    ]);
    const kv = s.families[0];
    expect(kv?.p50Ms).toBeGreaterThan(1.8);
    expect(kv?.p50Ms).toBeLessThan(2.2);
    expect(kv?.p99Ms).toBeLessThan(2.2);
  });

  it("forgets minutes that have left the window", () => {
    const w = new RequestWindow();
    w.record("kv", 200, 1, T0);
    w.recordProblem(problem(T0));
    expect(w.summary(T0 + (WINDOW_MINUTES - 1) * MINUTE).families).toHaveLength(1);
    const later = w.summary(T0 + WINDOW_MINUTES * MINUTE);
    expect(later.families).toEqual([]);
    expect(later.problems).toEqual([]);
  });

  it("keeps the latest problems, newest first, at most MAX_PROBLEMS", () => {
    const w = new RequestWindow();
    for (let i = 0; i < MAX_PROBLEMS + 5; i++) w.recordProblem(problem(T0 + i, i));
    const kept = w.summary(T0 + MAX_PROBLEMS + 5).problems;
    expect(kept).toHaveLength(MAX_PROBLEMS);
    expect(kept[0]?.requestId).toBe(`r${MAX_PROBLEMS + 4}`);
    expect(kept.at(-1)?.requestId).toBe("r5");
  });

  it("merges batches drained from other windows into the same totals", () => {
    const a = new RequestWindow();
    const b = new RequestWindow();
    const whole = new RequestWindow();
    for (let i = 0; i < 40; i++) {
      const at = T0 + i * 5000;
      const ms = 1 + (i % 7) * 3;
      (i % 2 === 0 ? a : b).record("files", i % 9 === 0 ? 500 : 200, ms, at);
      whole.record("files", i % 9 === 0 ? 500 : 200, ms, at);
    }
    a.recordProblem(problem(T0 + 10, 1));
    const merged = new RequestWindow();
    const now = T0 + 200_000;
    merged.merge(a.drain(), now);
    merged.merge(JSON.parse(JSON.stringify(b.drain())), now);
    expect(a.empty && b.empty).toBe(true);
    expect(merged.summary(now).families).toEqual(whole.summary(now).families);
    expect(merged.summary(now).problems.map((p) => p.requestId)).toEqual(["r1"]);
  });

  it("skips what a batch should not hold: unknown families, bad counts, far-future minutes", () => {
    const w = new RequestWindow();
    const minute = Math.floor(T0 / MINUTE);
    const families = {
      kv: { requests: -4, errors: 1.5, latency: {} },
      nope: { requests: 3, errors: 0, latency: {} },
    } as WindowBatch["minutes"][number];
    w.merge(
      {
        minutes: {
          [minute]: families,
          [minute + 60]: { kv: { requests: 9, errors: 0, latency: {} } },
        },
        problems: [],
      },
      T0,
    );
    expect(w.summary(T0).families).toEqual([
      { family: "kv", requests: 0, errors: 0, p50Ms: null, p99Ms: null },
    ]);
  });
});
