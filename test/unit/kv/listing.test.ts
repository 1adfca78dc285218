import { describe, expect, it } from "vitest";
import { prefixEnd } from "../../../shared/kv/key-range";
import { compareUtf8 } from "../../../shared/kv/text";
import type { RangeResult } from "../../../shared/kv/types";
import { Rng } from "../../../shared/rng";
import { KvHarness } from "./kv-harness";

const TREE = ["config/app/db", "config/app/url", "config/log", "config/web/port", "configs", "z"];

function tree(): KvHarness {
  const h = new KvHarness();
  for (const key of TREE) h.put(key, `v:${key}`);
  return h;
}

const keysOf = (result: RangeResult) => result.items.map((item) => item.key);

describe("listing one level of a tree with a separator", () => {
  it("answers the immediate children and the common prefixes under a prefix", () => {
    const result = tree().kv.range("config/", 0, { separator: "/" });
    expect(keysOf(result)).toEqual(["config/log"]);
    expect(result.prefixes).toEqual(["config/app/", "config/web/"]);
    expect(result.more).toBe(false);
  });

  it("folds from the root too, and counts prefixes toward the limit", () => {
    const h = tree();
    const root = h.kv.range("", 0, { separator: "/" });
    expect(root.prefixes).toEqual(["config/"]);
    expect(keysOf(root)).toEqual(["configs", "z"]);
    const page = h.kv.range("", 2, { separator: "/" });
    expect(page.prefixes).toEqual(["config/"]);
    expect(keysOf(page)).toEqual(["configs"]);
    expect(page).toMatchObject({ more: true, cursor: "z" });
  });

  it("continues after a common prefix from its cursor without repeating it", () => {
    const h = tree();
    const first = h.kv.range("config/", 1, { separator: "/" });
    expect(first).toMatchObject({ prefixes: ["config/app/"], more: true, cursor: "config/log" });
    const second = h.kv.range("config/", 1, { separator: "/", cursor: first.cursor });
    expect(keysOf(second)).toEqual(["config/log"]);
    expect(second).toMatchObject({ more: true, cursor: "config/web/" });
    const third = h.kv.range("config/", 1, { separator: "/", cursor: second.cursor });
    expect(third).toMatchObject({ prefixes: ["config/web/"], more: false });
    expect(third.cursor).toBeUndefined();
  });

  it("takes a separator longer than one character", () => {
    const h = new KvHarness();
    for (const key of ["a::b::c", "a::d", "a:e"]) h.put(key, "v");
    const result = h.kv.range("a::", 0, { separator: "::" });
    expect(result.prefixes).toEqual(["a::b::"]);
    expect(keysOf(result)).toEqual(["a::d"]);
  });
});

describe("listing by key interval, without values, or as a count", () => {
  it("selects [start, end) and intersects it with the prefix", () => {
    const h = tree();
    expect(keysOf(h.kv.range("", 0, { start: "config/app/url", end: "configs" }))).toEqual([
      "config/app/url",
      "config/log",
      "config/web/port",
    ]);
    expect(keysOf(h.kv.range("config/", 0, { start: "config/l" }))).toEqual([
      "config/log",
      "config/web/port",
    ]);
    expect(keysOf(h.kv.range("config/", 0, { end: "config/b" }))).toEqual([
      "config/app/db",
      "config/app/url",
    ]);
    expect(keysOf(h.kv.range("", 0, { start: "zz" }))).toEqual([]);
  });

  it("pages through an interval with cursors, each key exactly once", () => {
    const h = tree();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = h.kv.range("", 2, { start: "config/app/url", ...(cursor && { cursor }) });
      seen.push(...keysOf(result));
      if (!result.more) break;
      cursor = result.cursor;
    }
    expect(seen).toEqual(TREE.slice(1));
  });

  it("strips values with keysOnly and keeps the revisions", () => {
    const [item] = tree().kv.range("config/log", 0, { keysOnly: true }).items;
    expect(item).toEqual({ key: "config/log", createRevision: 3, modRevision: 3, version: 1 });
  });

  it("counts keys, or entries with a separator, without listing them", () => {
    const h = tree();
    expect(h.kv.range("config/", 0, { countOnly: true })).toMatchObject({
      items: [],
      count: 4,
      more: false,
    });
    expect(h.kv.range("config/", 0, { countOnly: true, separator: "/" }).count).toBe(3);
    expect(h.kv.range("", 0, { countOnly: true, start: "configs" }).count).toBe(2);
    expect(h.kv.range("nothing", 0, { countOnly: true }).count).toBe(0);
  });
});

describe("prefix ends", () => {
  it("is the least string above every string with the prefix, in UTF-8 byte order", () => {
    expect(prefixEnd("config/")).toBe("config0");
    expect(prefixEnd("a\u{10FFFF}")).toBe("b");
    expect(prefixEnd("\u{10FFFF}")).toBeNull();
    expect(prefixEnd("")).toBeNull();
    expect(prefixEnd("\uD7FF")).toBe("\uE000");
    expect(prefixEnd("x\u{1F600}")).toBe("x\u{1F601}");
  });
});

describe("listing agrees with a brute-force model", () => {
  it("over 300 random selections, paged by cursors", () => {
    const rng = new Rng(7);
    const alphabet = ["a", "b", "/", "é", "\u{1F600}", "\uFF21"];
    const word = (max: number) =>
      Array.from({ length: rng.range(0, max) }, () => rng.pick(alphabet)).join("");
    const h = new KvHarness();
    const keys = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const key = word(6) || "a";
      keys.add(key);
      h.put(key, "v");
    }
    const sorted = [...keys].sort(compareUtf8);
    for (let run = 0; run < 300; run++) {
      const prefix = rng.chance(0.5) ? word(2) : "";
      const start = rng.chance(0.4) ? word(3) : undefined;
      const end = rng.chance(0.4) ? word(3) : undefined;
      const separator = rng.chance(0.5) ? "/" : undefined;
      const expected: string[] = [];
      for (const key of sorted) {
        if (!key.startsWith(prefix)) continue;
        if (start !== undefined && compareUtf8(key, start) < 0) continue;
        if (end !== undefined && compareUtf8(key, end) >= 0) continue;
        const at = separator ? key.indexOf(separator, prefix.length) : -1;
        const entry = at < 0 ? key : key.slice(0, at + 1);
        if (expected[expected.length - 1] !== entry) expected.push(entry);
      }
      const limit = rng.range(1, 8);
      const got: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 500; page++) {
        const result = h.kv.range(prefix, limit, {
          ...(start !== undefined && { start }),
          ...(end !== undefined && { end }),
          ...(separator && { separator }),
          ...(cursor !== undefined && { cursor }),
        });
        const entries = [...keysOf(result), ...(result.prefixes ?? [])].sort(compareUtf8);
        expect(entries.length).toBeLessThanOrEqual(limit);
        got.push(...entries);
        if (!result.more) break;
        cursor = result.cursor;
      }
      expect(got, JSON.stringify({ prefix, start, end, separator, limit })).toEqual(expected);
      const count = h.kv.range(prefix, 0, {
        countOnly: true,
        ...(start !== undefined && { start }),
        ...(end !== undefined && { end }),
        ...(separator && { separator }),
      }).count;
      expect(count).toBe(expected.length);
    }
  });
});
