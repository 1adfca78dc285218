import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareUtf8 } from "../../../shared/kv/text";
import { chunk, FsHarness } from "./fs-harness";

/** S3's listing, by brute force over every key: the reference the tree walk must match. */
function modelScan(
  keys: readonly string[],
  query: { prefix: string; delimiter?: string; after?: string; limit: number },
) {
  const sorted = [...keys].sort(compareUtf8);
  const after = query.after ?? "";
  const entries: string[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  for (const key of sorted) {
    if (!key.startsWith(query.prefix)) continue;
    let item = key;
    let isPrefix = false;
    if (query.delimiter) {
      const cut = key.indexOf(query.delimiter, query.prefix.length);
      if (cut !== -1) {
        item = key.slice(0, cut + query.delimiter.length);
        isPrefix = true;
      }
    }
    if (compareUtf8(item, after) <= 0) continue;
    if (isPrefix && prefixes[prefixes.length - 1] === item) continue;
    if (entries.length + prefixes.length === query.limit) {
      truncated = true;
      break;
    }
    (isPrefix ? prefixes : entries).push(item);
  }
  return { entries, prefixes, truncated };
}

/** A harness holding every key of `wanted` that fits the tree (no key beneath another). */
function volumeWith(wanted: readonly string[]): { h: FsHarness; keys: string[] } {
  const h = new FsHarness();
  const keys: string[] = [];
  for (const key of new Set(wanted)) if (h.put(`/${key}`, [chunk(key)]).ok) keys.push(key);
  return { h, keys };
}

const segment = fc
  .array(fc.constantFrom("a", "b", "-", "é", "😀", " ", "~"), { minLength: 1, maxLength: 3 })
  .map((cs) => cs.join(""))
  .filter((s) => s !== "." && s !== "..");
const key = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
const probe = fc
  .array(fc.constantFrom("a", "b", "-", "/", "é", "😀"), { maxLength: 4 })
  .map((cs) => cs.join(""));

describe("scan lists a volume's files as S3 lists a bucket", () => {
  it("answers what a brute-force listing answers, for any prefix, delimiter, start and limit", () => {
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 40 }),
        probe,
        fc.option(fc.constantFrom("/", "-", "a", "é/"), { nil: undefined }),
        fc.option(probe, { nil: undefined }),
        fc.integer({ min: 1, max: 8 }),
        (wanted, prefix, delimiter, after, limit) => {
          const { h, keys } = volumeWith(wanted);
          const query = { prefix, limit, ...(delimiter && { delimiter }), ...(after && { after }) };
          const got = h.ok({ kind: "scan", ...query });
          const want = modelScan(keys, query);
          expect({
            entries: got.entries.map((e) => e.key),
            prefixes: got.prefixes,
            truncated: got.truncated,
          }).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("pages through everything exactly once when each page starts after the last", () => {
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 40 }),
        fc.option(fc.constantFrom("/", "-"), { nil: undefined }),
        fc.integer({ min: 1, max: 5 }),
        (wanted, delimiter, limit) => {
          const { h, keys } = volumeWith(wanted);
          const whole = modelScan(keys, {
            prefix: "",
            limit: 1_000,
            ...(delimiter && { delimiter }),
          });
          const seen: string[] = [];
          const prefixes: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = h.ok({
              kind: "scan",
              prefix: "",
              limit,
              ...(delimiter && { delimiter }),
              ...(after !== undefined && { after }),
            });
            seen.push(...page.entries.map((e) => e.key));
            prefixes.push(...page.prefixes);
            if (!page.truncated) break;
            after = page.last ?? undefined;
          }
          expect(seen).toEqual(whole.entries);
          expect(prefixes).toEqual(whole.prefixes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("orders a directory after a file whose name sorts below '/' (a-b before a/c)", () => {
    const { h } = volumeWith(["a/c", "a-b", "a"]);
    expect(h.kind({ kind: "scan", prefix: "", limit: 10 })).toBe("ok");
    // "a" is refused (a directory is there), so the keys are a-b and a/c.
    const page = h.ok({ kind: "scan", prefix: "", limit: 10 });
    expect(page.entries.map((e) => e.key)).toEqual(["a-b", "a/c"]);
  });

  it("shows no common prefix for a directory with no file beneath it", () => {
    const h = new FsHarness();
    h.ok({ kind: "mkdir", path: "/empty/deeper", parents: true });
    h.put("/full/x", [chunk("x")]);
    const page = h.ok({ kind: "scan", prefix: "", delimiter: "/", limit: 10 });
    expect(page.prefixes).toEqual(["full/"]);
  });

  it("refuses an empty delimiter and a limit past the bound", () => {
    const h = new FsHarness();
    expect(h.kind({ kind: "scan", prefix: "", delimiter: "", limit: 10 })).toBe(
      "validation-failed",
    );
    expect(h.kind({ kind: "scan", prefix: "", limit: 1_001 })).toBe("validation-failed");
  });
});
