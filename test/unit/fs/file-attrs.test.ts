import { describe, expect, it } from "vitest";
import { MAX_FILE_ATTRS_BYTES } from "../../../shared/fs/limits";
import { chunk, FsHarness, sha } from "./fs-harness";

const attrs = { contentType: "text/plain", meta: { colour: "blue" }, contentEtag: "abc123" };

describe("file attributes", () => {
  it("are kept with the version a commit writes, answered by stat and replaced by the next commit", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "u1", path: "/a", expiresAt: 60_000 });
    h.ok({
      kind: "commit",
      path: "/a",
      upload: "u1",
      size: 100,
      sha256: sha("a"),
      chunks: [chunk("a")],
      attrs,
    });
    const stat = h.ok({ kind: "stat", path: "/a" }).stat;
    expect(stat.type === "file" && stat.attrs).toEqual(attrs);
    h.put("/a", [chunk("b")]);
    const replaced = h.ok({ kind: "stat", path: "/a" }).stat;
    expect(replaced.type === "file" && replaced.attrs).toBeUndefined();
  });

  it("survive a snapshot and a rename", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "u1", path: "/a", expiresAt: 60_000 });
    h.ok({
      kind: "commit",
      path: "/a",
      upload: "u1",
      size: 100,
      sha256: sha("a"),
      chunks: [chunk("a")],
      attrs,
    });
    h.ok({ kind: "mkdir", path: "/d", parents: false });
    h.ok({ kind: "rename", from: "/a", to: "/d/b" });
    const copy = new FsHarness();
    copy.ns.restore(h.ns.snapshot());
    const stat = copy.ok({ kind: "stat", path: "/d/b" }).stat;
    expect(stat.type === "file" && stat.attrs).toEqual(attrs);
  });

  it("of a session are those it began with, overlaid by those its completion names", () => {
    const h = new FsHarness();
    h.ok({
      kind: "beginUpload",
      id: "m",
      path: "/big",
      expiresAt: 60_000,
      attrs: { contentType: "a/b", meta: { x: "1" } },
    });
    h.ok({ kind: "putPart", id: "m", part: 1, size: 100, chunks: [chunk("1")] });
    h.ok({ kind: "completeUpload", id: "m", attrs: { contentEtag: "f00-1" } });
    const stat = h.ok({ kind: "stat", path: "/big" }).stat;
    expect(stat.type === "file" && stat.attrs).toEqual({
      contentType: "a/b",
      meta: { x: "1" },
      contentEtag: "f00-1",
    });
  });

  it("are refused, changing nothing, when malformed or past MAX_FILE_ATTRS_BYTES", () => {
    const h = new FsHarness();
    const bad = [
      { contentType: "text/\nplain" },
      { meta: { Upper: "x" } },
      { meta: { ok: "caf\u00e9" } },
      { contentEtag: '"quoted"' },
      { colour: "red" },
      { meta: { big: "x".repeat(MAX_FILE_ATTRS_BYTES) } },
    ];
    for (const a of bad) {
      const kind = h.kind({
        kind: "beginUpload",
        id: "u",
        path: "/f",
        expiresAt: 60_000,
        attrs: a as never,
      });
      expect(["validation-failed", "payload-too-large"]).toContain(kind);
    }
    expect(h.ok({ kind: "listUploads", limit: 10 }).uploads).toEqual([]);
  });
});
