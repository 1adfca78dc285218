import { describe, expect, it } from "vitest";
import { SortedKeys } from "../../../shared/kv/sorted-keys";
import { compareUtf8 } from "../../../shared/kv/text";
import { Rng } from "../../../shared/rng";

describe("SortedKeys", () => {
  it("matches a sorted array through 20,000 random inserts and removals across many blocks", () => {
    const rng = new Rng(11);
    const keys = new SortedKeys();
    const reference = new Set<string>();
    const alphabet = ["a", "b", "/", "é", "\u{1F600}", "\uFF21"];
    for (let i = 0; i < 20_000; i++) {
      const key =
        Array.from({ length: rng.range(1, 4) }, () => rng.pick(alphabet)).join("") + rng.int(400);
      if (reference.has(key)) {
        if (rng.chance(0.4)) {
          keys.remove(key);
          reference.delete(key);
        }
      } else {
        keys.insert(key);
        reference.add(key);
      }
    }
    const expected = [...reference].sort(compareUtf8);
    expect(reference.size).toBeGreaterThan(2_000);
    expect(keys.size).toBe(expected.length);
    expect(keys.all()).toEqual(expected);
    for (const prefix of ["a", "b/", "é\u{1F600}", "\uFF21a", "zz"]) {
      expect([...keys.withPrefix(prefix)]).toEqual(expected.filter((k) => k.startsWith(prefix)));
    }
    expect(SortedKeys.from([...reference]).all()).toEqual(expected);
  });
});
