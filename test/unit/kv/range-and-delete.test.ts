import { describe, expect, it } from "vitest";
import { KvHarness } from "./kv-harness";

describe("range by prefix", () => {
  it("returns the keys under a prefix in byte order, honouring limit and more", () => {
    const h = new KvHarness();
    for (const key of ["app/c", "app/a", "apq", "app/b", "ap", "b"]) h.put(key, key.toUpperCase());
    const all = h.kv.range("app/");
    expect(all.items.map((i) => i.key)).toEqual(["app/a", "app/b", "app/c"]);
    expect(all.more).toBe(false);
    const two = h.kv.range("app/", 2);
    expect(two.items.map((i) => i.key)).toEqual(["app/a", "app/b"]);
    expect(two.more).toBe(true);
    expect(h.kv.range("app/", 3).more).toBe(false);
    expect(h.kv.range("").items.map((i) => i.key)).toEqual([
      "ap",
      "app/a",
      "app/b",
      "app/c",
      "apq",
      "b",
    ]);
    expect(h.kv.range("zzz")).toEqual({ kind: "range", items: [], revision: 6, more: false });
  });

  it("orders keys as UTF-8 bytes, not UTF-16 code units", () => {
    const h = new KvHarness();
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts before U+1F600 (4 bytes, F0 ...), although its
    // UTF-16 unit 0xFF21 is above the surrogate 0xD83D.
    h.put("k\u{1F600}", "emoji");
    h.put("k\uFF21", "fullwidth");
    h.put("k~", "ascii");
    expect(h.kv.range("k").items.map((i) => i.value)).toEqual(["ascii", "fullwidth", "emoji"]);
  });
});

describe("delete", () => {
  it("deletes every key under a prefix in one revision", () => {
    const h = new KvHarness();
    for (const key of ["dir/a", "dir/b", "dir/sub/c", "dirt", "other"]) h.put(key, "v");
    expect(h.del("dir/", true)).toEqual({ kind: "delete", deleted: 3, revision: 6 });
    expect(h.kv.range("").items.map((i) => i.key)).toEqual(["dirt", "other"]);
    const events = h.kv.eventsSince(6);
    expect(
      events.kind === "events" && events.events.map((e) => `${e.type}:${e.key}:${e.revision}`),
    ).toEqual(["delete:dir/a:6", "delete:dir/b:6", "delete:dir/sub/c:6"]);
  });

  it("deletes exactly one key without prefix and leaves its neighbours", () => {
    const h = new KvHarness();
    h.put("a", "1");
    h.put("ab", "2");
    expect(h.del("a").deleted).toBe(1);
    expect(h.kv.get("ab").item?.value).toBe("2");
  });
});
