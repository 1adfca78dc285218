import { describe, expect, it } from "vitest";
import { chunk, FsHarness } from "./fs-harness";

/** A session with parts 1, 2 and 3, each recorded with etag `e<n>`. */
function threeParts(): FsHarness {
  const h = new FsHarness();
  h.ok({ kind: "beginUpload", id: "m", path: "/f", expiresAt: 60_000 });
  for (const part of [1, 2, 3]) {
    h.now += 10;
    h.ok({
      kind: "putPart",
      id: "m",
      part,
      size: 100,
      chunks: [chunk(`p${part}`)],
      etag: `e${part}`,
    });
  }
  return h;
}

describe("an upload session's parts", () => {
  it("are listed with their size, etag and the time each was recorded", () => {
    const h = threeParts();
    const parts = h.ok({ kind: "uploadParts", id: "m" }).partList;
    expect(parts).toEqual([
      { part: 1, size: 100, etag: "e1", mtime: 1_010 },
      { part: 2, size: 100, etag: "e2", mtime: 1_020 },
      { part: 3, size: 100, etag: "e3", mtime: 1_030 },
    ]);
  });

  it("that a completion names become the file, in order; the others are dropped", () => {
    const h = threeParts();
    const done = h.ok({
      kind: "completeUpload",
      id: "m",
      parts: [
        { part: 1, etag: "e1" },
        { part: 3, etag: "e3" },
      ],
    });
    expect(done.file.chunks).toEqual([chunk("p1"), chunk("p3")]);
    expect(done.file.size).toBe(200);
  });

  it("refuse a completion naming a part out of order, never recorded or with another etag, and change nothing", () => {
    const h = threeParts();
    const wrong = [
      [
        { part: 2, etag: "e2" },
        { part: 1, etag: "e1" },
      ],
      [{ part: 4, etag: "e4" }],
      [{ part: 1, etag: "e2" }],
    ];
    for (const parts of wrong) {
      expect(h.kind({ kind: "completeUpload", id: "m", parts })).toBe("validation-failed");
    }
    expect(h.kind({ kind: "stat", path: "/f" })).toBe("not-found");
    expect(h.ok({ kind: "uploadParts", id: "m" }).partList).toHaveLength(3);
  });

  it("replaced by a second put of the same number keep only the last one's etag", () => {
    const h = threeParts();
    h.ok({
      kind: "putPart",
      id: "m",
      part: 2,
      size: 50,
      chunks: [chunk("again", 50)],
      etag: "e2b",
    });
    expect(h.kind({ kind: "completeUpload", id: "m", parts: [{ part: 2, etag: "e2" }] })).toBe(
      "validation-failed",
    );
    expect(
      h.ok({ kind: "completeUpload", id: "m", parts: [{ part: 2, etag: "e2b" }] }).file.size,
    ).toBe(50);
  });
});

describe("listing open sessions", () => {
  it("pages by path then id with a cursor, and a completed or aborted session leaves the list", () => {
    const h = new FsHarness();
    for (const [id, path] of [
      ["b", "/x"],
      ["a", "/x"],
      ["c", "/w"],
      ["d", "/y"],
    ] as const) {
      h.ok({ kind: "beginUpload", id, path, expiresAt: 60_000 });
    }
    const first = h.ok({ kind: "listUploads", limit: 3 });
    expect(first.uploads.map((u) => u.id)).toEqual(["c", "a", "b"]);
    const second = h.ok({ kind: "listUploads", limit: 3, cursor: first.cursor as string });
    expect(second.uploads.map((u) => u.id)).toEqual(["d"]);
    expect(second.cursor).toBeNull();
    h.ok({ kind: "abortUpload", id: "a" });
    expect(h.ok({ kind: "listUploads", limit: 10 }).uploads.map((u) => u.id)).toEqual([
      "c",
      "b",
      "d",
    ]);
  });
});
