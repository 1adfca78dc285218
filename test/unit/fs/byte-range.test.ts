import { describe, expect, it } from "vitest";
import { parseRange, slicesFor } from "../../../shared/fs/byte-range";

describe("Range headers", () => {
  it("parses first-last, open-ended and suffix ranges, clamped to the file", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
  });

  it("answers unsatisfiable past the end, for an empty file and for a zero suffix", () => {
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-0", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-5", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  });

  it("ignores what it does not serve: no header, other units, several ranges, garbage", () => {
    for (const header of [
      null,
      "",
      "items=0-1",
      "bytes=0-1,5-6",
      "bytes=a-b",
      "bytes=-",
      "bytes=9-3",
    ]) {
      expect(parseRange(header, 100)).toBeNull();
    }
  });
});

describe("chunks a range needs", () => {
  const sizes = [10, 10, 5];

  it("takes only the chunks that overlap, and the bytes of each", () => {
    expect(slicesFor(sizes, { start: 0, end: 24 })).toEqual([
      { index: 0, from: 0, to: 10 },
      { index: 1, from: 0, to: 10 },
      { index: 2, from: 0, to: 5 },
    ]);
    expect(slicesFor(sizes, { start: 12, end: 13 })).toEqual([{ index: 1, from: 2, to: 4 }]);
    expect(slicesFor(sizes, { start: 9, end: 10 })).toEqual([
      { index: 0, from: 9, to: 10 },
      { index: 1, from: 0, to: 1 },
    ]);
    expect(slicesFor(sizes, { start: 24, end: 24 })).toEqual([{ index: 2, from: 4, to: 5 }]);
  });

  it("covers exactly the range's length for every range of a file", () => {
    const total = 25;
    for (let start = 0; start < total; start++) {
      for (let end = start; end < total; end++) {
        const covered = slicesFor(sizes, { start, end }).reduce((n, s) => n + s.to - s.from, 0);
        expect(covered).toBe(end - start + 1);
      }
    }
  });
});
