import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../../shared/lincheck/history";
import { checkLinearizable, MalformedHistoryError } from "../../../shared/lincheck/index";
import { HistoryBuilder } from "./history-builder";

const verdict = (h: HistoryBuilder) => checkLinearizable(h.events).ok;

describe("checkLinearizable accepts valid concurrent histories", () => {
  it("accepts the empty history and a sequential one", () => {
    expect(checkLinearizable([]).ok).toBe(true);
    const h = new HistoryBuilder().read(0, "x").ok(0, null).write(0, "x", 1).ok(0);
    h.read(1, "x").ok(1, 1).cas(1, "x", 1, 2).ok(1).read(0, "x").ok(0, 2);
    expect(verdict(h)).toBe(true);
  });

  it("lets reads that overlap two concurrent writes see either, in a consistent order", () => {
    const h = new HistoryBuilder().write(0, "x", 1).write(1, "x", 2).read(2, "x").read(3, "x");
    h.ok(2, 2).ok(3, 1).ok(0).ok(1);
    // Reads are concurrent with both writes: 2 then 1 is a valid order (write 2, read, write 1, read).
    expect(verdict(h)).toBe(true);
  });

  it("accepts a read that overlaps a write and sees the old value", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).write(0, "x", 2).read(1, "x").ok(1, 1);
    h.ok(0).read(1, "x").ok(1, 2);
    expect(verdict(h)).toBe(true);
  });
});

describe("checkLinearizable rejects classic anomalies", () => {
  it("rejects a stale read after a completed overwrite", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).write(0, "x", 2).ok(0);
    h.read(1, "x").ok(1, 1);
    expect(verdict(h)).toBe(false);
  });

  it("rejects a lost write: an acknowledged write that a later read does not see", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).read(1, "x").ok(1, null);
    expect(verdict(h)).toBe(false);
  });

  it("rejects a CAS that succeeded twice from the same expected value", () => {
    const h = new HistoryBuilder().write(0, "x", 0).ok(0);
    h.cas(1, "x", 0, 1).cas(2, "x", 0, 2).ok(1).ok(2);
    expect(verdict(h)).toBe(false);
    // One succeeding and one failing is fine.
    const g = new HistoryBuilder().write(0, "x", 0).ok(0);
    g.cas(1, "x", 0, 1).cas(2, "x", 0, 2).ok(1).fail(2).read(0, "x").ok(0, 1);
    expect(verdict(g)).toBe(true);
  });

  it("rejects split-brain writes that readers observe in opposite orders", () => {
    // Two leaders each acknowledge a write; one reader sees 1 then 2, the other 2 then 1.
    const h = new HistoryBuilder().write(0, "x", 1).write(1, "x", 2).ok(0).ok(1);
    h.read(2, "x").read(3, "x").ok(2, 1).ok(3, 2);
    h.read(2, "x").read(3, "x").ok(2, 2).ok(3, 1);
    expect(verdict(h)).toBe(false);
  });

  it("rejects a read of a value nobody wrote", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).read(1, "x").ok(1, 7);
    expect(verdict(h)).toBe(false);
  });
});

describe("checkLinearizable handles unknown and failed outcomes", () => {
  it("accepts an info write that took effect, even long after it was reported", () => {
    const h = new HistoryBuilder().write(0, "x", 1).info(0);
    h.read(1, "x").ok(1, null).write(0, "x", 2).ok(0).read(1, "x").ok(1, 1);
    expect(verdict(h)).toBe(true);
  });

  it("accepts an info write that never took effect", () => {
    const h = new HistoryBuilder().write(0, "x", 1).info(0).read(1, "x").ok(1, null);
    h.read(1, "x").ok(1, null);
    expect(verdict(h)).toBe(true);
  });

  it("treats an invoke that never completes like info", () => {
    const h = new HistoryBuilder().write(0, "x", 1).read(1, "x").ok(1, 1).read(1, "x").ok(1, 1);
    expect(verdict(h)).toBe(true);
  });

  it("does not let an info write take effect before its invoke or twice", () => {
    const before = new HistoryBuilder().read(1, "x").ok(1, 1).write(0, "x", 1).info(0);
    expect(verdict(before)).toBe(false);
    const twice = new HistoryBuilder().write(0, "x", 1).info(0).read(1, "x").ok(1, 1);
    twice.write(1, "x", 2).ok(1).read(1, "x").ok(1, 1);
    expect(verdict(twice)).toBe(false);
  });

  it("lets an info CAS take effect only where its expected value holds", () => {
    const took = new HistoryBuilder().write(0, "x", 0).ok(0).cas(1, "x", 0, 5).info(1);
    took.read(0, "x").ok(0, 5);
    expect(verdict(took)).toBe(true);
    const cannot = new HistoryBuilder().write(0, "x", 3).ok(0).cas(1, "x", 0, 5).info(1);
    cannot.read(0, "x").ok(0, 5);
    expect(verdict(cannot)).toBe(false);
  });

  it("ignores failed operations: a failed write is never visible", () => {
    const ignored = new HistoryBuilder().write(0, "x", 1).fail(0).read(1, "x").ok(1, null);
    expect(verdict(ignored)).toBe(true);
    const seen = new HistoryBuilder().write(0, "x", 1).fail(0).read(1, "x").ok(1, 1);
    expect(verdict(seen)).toBe(false);
    const cas = new HistoryBuilder().cas(0, "x", null, 1).fail(0).read(1, "x").ok(1, 1);
    expect(verdict(cas)).toBe(false);
  });
});

describe("checkLinearizable partitions by key", () => {
  it("checks keys independently: interleavings across keys do not interfere", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).write(0, "y", 1).ok(0);
    h.read(1, "y").ok(1, 1).read(1, "x").ok(1, 1).read(2, "z").ok(2, null);
    expect(verdict(h)).toBe(true);
  });

  it("names the key that fails", () => {
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).write(0, "y", 1).ok(0);
    h.read(1, "x").ok(1, 1).read(1, "y").ok(1, null);
    const result = checkLinearizable(h.events);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.key).toBe("y");
  });
});

describe("checkLinearizable counterexamples", () => {
  it("keeps only the operations that make the failure and drops the rest", () => {
    const h = new HistoryBuilder();
    for (let i = 0; i < 10; i++) h.write(0, "x", i).ok(0).read(1, "x").ok(1, i);
    h.write(2, "x", 100).ok(2); // the write that the stale read below misses
    h.read(3, "x").ok(3, 9);
    for (let i = 0; i < 5; i++) h.write(0, "x", 200 + i).ok(0);
    const result = checkLinearizable(h.events);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.key).toBe("x");
    const summary = result.counterexample.map((e) => `${e.process}:${e.type}:${e.f}:${e.value}`);
    // The read of 9 keeps its writer; the write of 100 it missed is the cause.
    expect(summary).toEqual([
      "0:invoke:write:9",
      "0:ok:write:9",
      "2:invoke:write:100",
      "2:ok:write:100",
      "3:invoke:read:null",
      "3:ok:read:9",
    ]);
    expect(checkLinearizable(result.counterexample).ok).toBe(false);
  });

  it("cuts the counterexample at the shortest failing prefix, leaving open ops as invokes", () => {
    // Process 0's write of 2 is still open when the failure becomes certain: 2 was seen,
    // then 1 again. Process 2's later operations are not part of the failing prefix.
    const h = new HistoryBuilder().write(0, "x", 1).ok(0).write(0, "x", 2);
    h.read(1, "x").ok(1, 2).read(1, "x").ok(1, 1).ok(0);
    h.write(2, "x", 3).ok(2).read(2, "x").ok(2, 3);
    const result = checkLinearizable(h.events);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.counterexample).toEqual(h.events.slice(0, 7));
    expect(checkLinearizable(result.counterexample).ok).toBe(false);
  });
});

describe("checkLinearizable rejects malformed histories", () => {
  it("throws on a completion without an invoke and on two outstanding invokes", () => {
    const events = new HistoryBuilder().write(0, "x", 1).ok(0).events;
    const doubled = [...events, { ...(events[1] as HistoryEvent), time: 2 }];
    expect(() => checkLinearizable(doubled)).toThrow(MalformedHistoryError);
    const twoOpen = new HistoryBuilder().write(0, "x", 1).read(0, "x");
    expect(() => checkLinearizable(twoOpen.events)).toThrow(MalformedHistoryError);
  });
});
