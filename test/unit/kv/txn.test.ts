import { describe, expect, it } from "vitest";
import type { Compare, CompareOp, CompareTarget } from "../../../shared/kv/index";
import { KvHarness } from "./kv-harness";

/** "k" holds value "m" with createRevision 1, modRevision 3, version 2 ("z" is put at 2). */
function fixture(): KvHarness {
  const h = new KvHarness();
  h.put("k", "l");
  h.put("z", "z");
  h.put("k", "m");
  return h;
}

function holds(h: KvHarness, compare: Compare): boolean {
  return h.ok("txn", { type: "txn", compare: [compare], success: [], failure: [] }).succeeded;
}

describe("txn compares", () => {
  const cases: [CompareTarget, string | number, string | number, string | number][] = [
    // target, equal value, smaller value, larger value
    ["value", "m", "l", "n"],
    ["version", 2, 1, 3],
    ["createRevision", 1, 0, 2],
    ["modRevision", 3, 2, 4],
  ];
  for (const [target, equal, smaller, larger] of cases) {
    it(`compares ${target} with =, !=, < and >`, () => {
      const h = fixture();
      const check = (op: CompareOp, value: string | number) =>
        holds(h, { key: "k", target, op, value });
      expect([check("=", equal), check("=", smaller), check("=", larger)]).toEqual([
        true,
        false,
        false,
      ]);
      expect([check("!=", equal), check("!=", smaller), check("!=", larger)]).toEqual([
        false,
        true,
        true,
      ]);
      expect([check("<", equal), check("<", smaller), check("<", larger)]).toEqual([
        false,
        false,
        true,
      ]);
      expect([check(">", equal), check(">", smaller), check(">", larger)]).toEqual([
        false,
        true,
        false,
      ]);
    });
  }

  it("treats a missing key as version/createRevision/modRevision 0 and fails value compares", () => {
    const h = fixture();
    expect(holds(h, { key: "none", target: "version", op: "=", value: 0 })).toBe(true);
    expect(holds(h, { key: "none", target: "createRevision", op: "=", value: 0 })).toBe(true);
    expect(holds(h, { key: "none", target: "modRevision", op: "<", value: 1 })).toBe(true);
    expect(holds(h, { key: "none", target: "value", op: "!=", value: "x" })).toBe(false);
    expect(holds(h, { key: "none", target: "value", op: "=", value: "" })).toBe(false);
  });

  it("compares values as bytes", () => {
    const h = new KvHarness();
    h.put("k", "\u{1F600}");
    expect(holds(h, { key: "k", target: "value", op: ">", value: "\uFF21" })).toBe(true);
  });

  it("requires every compare to hold", () => {
    const h = fixture();
    const both = (v: number) =>
      h.ok("txn", {
        type: "txn",
        compare: [
          { key: "k", target: "version", op: "=", value: 2 },
          { key: "z", target: "version", op: "=", value: v },
        ],
        success: [],
        failure: [],
      }).succeeded;
    expect(both(1)).toBe(true);
    expect(both(2)).toBe(false);
  });
});

describe("txn execution", () => {
  it("applies the success branch atomically in one revision, reads seeing earlier writes", () => {
    const h = fixture();
    const result = h.ok("txn", {
      type: "txn",
      compare: [{ key: "k", target: "value", op: "=", value: "m" }],
      success: [
        { put: { key: "a", value: "1" } },
        { put: { key: "k", value: "n", prevKv: true } },
        { delete: { key: "z" } },
        { get: { key: "a" } },
      ],
      failure: [{ put: { key: "failed", value: "1" } }],
    });
    expect(result.succeeded).toBe(true);
    expect(result.revision).toBe(4);
    expect(h.kv.revision).toBe(4);
    expect(result.results).toEqual([
      {
        kind: "put",
        item: { key: "a", value: "1", createRevision: 4, modRevision: 4, version: 1 },
      },
      {
        kind: "put",
        item: { key: "k", value: "n", createRevision: 1, modRevision: 4, version: 3 },
        prev: { key: "k", value: "m", createRevision: 1, modRevision: 3, version: 2 },
      },
      { kind: "delete", deleted: 1 },
      {
        kind: "get",
        item: { key: "a", value: "1", createRevision: 4, modRevision: 4, version: 1 },
      },
    ]);
    expect(h.kv.get("failed").item).toBeNull();
  });

  it("runs the failure branch when a compare fails: a compare-and-swap that lost", () => {
    const h = fixture();
    const result = h.ok("txn", {
      type: "txn",
      compare: [{ key: "k", target: "modRevision", op: "=", value: 1 }],
      success: [{ put: { key: "k", value: "swapped" } }],
      failure: [{ get: { key: "k" } }],
    });
    expect(result).toEqual({
      kind: "txn",
      succeeded: false,
      revision: 3,
      results: [{ kind: "get", item: h.kv.get("k").item }],
    });
    expect(h.kv.get("k").item?.value).toBe("m");
  });

  it("does not bump the revision for a read-only txn or one whose writes change nothing", () => {
    const h = fixture();
    h.ok("txn", { type: "txn", compare: [], success: [{ get: { key: "k" } }], failure: [] });
    h.ok("txn", {
      type: "txn",
      compare: [],
      success: [{ delete: { key: "absent" } }],
      failure: [],
    });
    expect(h.kv.revision).toBe(3);
  });

  it("rejects the whole txn, changing nothing, when a put names a missing lease", () => {
    const h = fixture();
    const before = h.state();
    const result = h.run({
      type: "txn",
      compare: [],
      success: [{ put: { key: "a", value: "1" } }, { put: { key: "b", value: "2", lease: 99 } }],
      failure: [],
    });
    expect(result).toMatchObject({ kind: "error", code: "lease_not_found" });
    expect(h.state()).toBe(before);
  });

  it("rejects a branch that changes one key twice", () => {
    const h = fixture();
    const twice = h.run({
      type: "txn",
      compare: [],
      success: [{ put: { key: "a", value: "1" } }, { put: { key: "a", value: "2" } }],
      failure: [],
    });
    expect(twice).toMatchObject({ kind: "error", code: "invalid", field: "success[1].put.key" });
    const covered = h.run({
      type: "txn",
      compare: [],
      success: [],
      failure: [{ put: { key: "dir/a", value: "1" } }, { delete: { key: "dir/", prefix: true } }],
    });
    expect(covered).toMatchObject({
      kind: "error",
      code: "invalid",
      field: "failure[1].delete.key",
    });
    expect(h.kv.revision).toBe(3);
  });
});
