import { describe, expect, it } from "vitest";
import { KvHarness } from "./kv-harness";

describe("revisions and versions follow etcd", () => {
  it("bumps the group revision once per put and tracks create/mod revision and version", () => {
    const h = new KvHarness();
    expect(h.kv.revision).toBe(0);
    const a1 = h.put("a", "1");
    expect(a1.revision).toBe(1);
    expect(a1.item).toEqual({
      key: "a",
      value: "1",
      createRevision: 1,
      modRevision: 1,
      version: 1,
    });
    h.put("b", "x");
    const a2 = h.put("a", "2");
    expect(a2.item).toEqual({
      key: "a",
      value: "2",
      createRevision: 1,
      modRevision: 3,
      version: 2,
    });
    expect(h.kv.revision).toBe(3);
    expect(h.kv.get("a")).toEqual({ kind: "get", revision: 3, item: a2.item });
  });

  it("resets version and createRevision when a key is deleted and recreated", () => {
    const h = new KvHarness();
    h.put("k", "1");
    h.put("k", "2");
    expect(h.del("k")).toEqual({ kind: "delete", deleted: 1, revision: 3 });
    expect(h.kv.get("k").item).toBeNull();
    const again = h.put("k", "3");
    expect(again.item).toMatchObject({ createRevision: 4, modRevision: 4, version: 1 });
  });

  it("does not bump the revision for reads or for deleting an absent key", () => {
    const h = new KvHarness();
    h.put("k", "1");
    expect(h.del("missing")).toEqual({ kind: "delete", deleted: 0, revision: 1 });
    expect(h.ok("get", { type: "get", key: "k" }).revision).toBe(1);
    expect(h.ok("range", { type: "range", prefix: "" }).revision).toBe(1);
    expect(h.kv.revision).toBe(1);
  });

  it("returns the previous key on put only when asked", () => {
    const h = new KvHarness();
    const first = h.put("k", "1", { prevKv: true });
    expect(first.prev).toBeUndefined();
    expect(h.put("k", "2").prev).toBeUndefined();
    const third = h.put("k", "3", { prevKv: true });
    expect(third.prev).toEqual({
      key: "k",
      value: "2",
      createRevision: 1,
      modRevision: 2,
      version: 2,
    });
  });

  it("keeps handed-out records unchanged by later writes", () => {
    const h = new KvHarness();
    const first = h.put("k", "1").item;
    h.put("k", "2");
    expect(first).toEqual({ key: "k", value: "1", createRevision: 1, modRevision: 1, version: 1 });
  });
});
