import { describe, expect, it } from "vitest";
import {
  compareNames,
  formatPath,
  isValidSegment,
  MAX_PATH_BYTES,
  MAX_PATH_DEPTH,
  MAX_SEGMENT_BYTES,
  parsePath,
} from "../../../shared/fs/index";

function rule(raw: unknown) {
  const parsed = parsePath(raw);
  return parsed.ok ? "ok" : parsed.rule;
}

describe("path rules", () => {
  it("parses the root as no segments and a path into its segments", () => {
    expect(parsePath("/")).toEqual({ ok: true, segments: [], directory: false });
    expect(parsePath("/a/b c/d.txt")).toEqual({
      ok: true,
      segments: ["a", "b c", "d.txt"],
      directory: false,
    });
  });

  it("tolerates one trailing slash and marks the path as a directory", () => {
    expect(parsePath("/a/b/")).toEqual({ ok: true, segments: ["a", "b"], directory: true });
    expect(rule("/a/b//")).toBe("empty-segment");
  });

  it("refuses a non-string, a relative path, and empty segments", () => {
    expect(rule(42)).toBe("type");
    expect(rule("")).toBe("absolute");
    expect(rule("a/b")).toBe("absolute");
    expect(rule("//a")).toBe("empty-segment");
    expect(rule("/a//b")).toBe("empty-segment");
    expect(rule("//")).toBe("empty-segment");
  });

  it("refuses . and .. segments but not names that merely contain dots", () => {
    expect(rule("/a/./b")).toBe("dot-segment");
    expect(rule("/a/..")).toBe("dot-segment");
    expect(rule("/../a")).toBe("dot-segment");
    expect(rule("/.a/..b/...")).toBe("ok");
  });

  it("refuses NUL and lone surrogates (no UTF-8 encoding)", () => {
    expect(rule("/a\u0000b")).toBe("nul");
    expect(rule("/a\ud800b")).toBe("utf8");
    expect(rule("/a\udc00")).toBe("utf8");
    expect(rule("/\ud83d\ude00")).toBe("ok");
  });

  it("measures a segment in UTF-8 bytes: 255 fit, 256 do not", () => {
    expect(MAX_SEGMENT_BYTES).toBe(255);
    expect(rule(`/${"a".repeat(MAX_SEGMENT_BYTES)}`)).toBe("ok");
    expect(rule(`/${"a".repeat(MAX_SEGMENT_BYTES + 1)}`)).toBe("segment-length");
    // "é" is 2 bytes: 127 of them are 254 bytes, plus "a" is 255; one more "é" is 256.
    expect(rule(`/${"é".repeat(127)}a`)).toBe("ok");
    expect(rule(`/${"é".repeat(128)}`)).toBe("segment-length");
    // "€" is 3 bytes: 85 are 255; 86 are 258 though only 86 UTF-16 units.
    expect(rule(`/${"€".repeat(85)}`)).toBe("ok");
    expect(rule(`/${"€".repeat(86)}`)).toBe("segment-length");
    // An emoji is 4 bytes and 2 UTF-16 units: 63 are 252 bytes, 64 are 256.
    expect(rule(`/${"😀".repeat(63)}`)).toBe("ok");
    expect(rule(`/${"😀".repeat(64)}`)).toBe("segment-length");
  });

  it("measures the whole path in UTF-8 bytes: 4 KiB fit, one more does not", () => {
    expect(MAX_PATH_BYTES).toBe(4096);
    // 16 segments of "/" + 255 bytes = 4096 bytes.
    const full = `/${"b".repeat(255)}`.repeat(16);
    expect(new TextEncoder().encode(full).length).toBe(MAX_PATH_BYTES);
    expect(rule(full)).toBe("ok");
    expect(rule(`${full}c`)).toBe("path-length");
    expect(rule(`${full}/`)).toBe("path-length");
    // Multi-byte: 4095 ASCII bytes plus a 2-byte character is over.
    expect(rule(`/${"x".repeat(4094)}é`)).toBe("path-length");
  });

  it("bounds depth: 64 segments fit, 65 do not", () => {
    expect(MAX_PATH_DEPTH).toBe(64);
    expect(rule("/d".repeat(MAX_PATH_DEPTH))).toBe("ok");
    expect(rule(`${"/d".repeat(MAX_PATH_DEPTH)}/`)).toBe("ok");
    expect(rule("/d".repeat(MAX_PATH_DEPTH + 1))).toBe("depth");
  });

  it("explains every refusal in words", () => {
    const parsed = parsePath(`/${"a".repeat(300)}`);
    expect(parsed).toMatchObject({ ok: false, rule: "segment-length" });
    expect(parsed.ok ? "" : parsed.detail).toContain("300 bytes");
  });

  it("formats canonical paths and checks single segments", () => {
    expect(formatPath([])).toBe("/");
    expect(formatPath(["a", "b"])).toBe("/a/b");
    expect(isValidSegment("name")).toBe(true);
    for (const bad of ["", ".", "..", "a/b", "a\u0000", 7]) expect(isValidSegment(bad)).toBe(false);
  });

  it("orders names by UTF-8 bytes, not UTF-16 units", () => {
    // U+FF5E (3 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 ...), though its UTF-16
    // unit 0xFF5E is above the emoji's high surrogate 0xD83D.
    const names = ["😀", "～", "Z", "a"].sort(compareNames);
    expect(names).toEqual(["Z", "a", "～", "😀"]);
  });
});
