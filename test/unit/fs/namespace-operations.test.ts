import { describe, expect, it } from "vitest";
import type { FileStat, FsOp } from "../../../shared/fs/index";
import { chunk, FsHarness, sha } from "./fs-harness";

describe("volumes", () => {
  it("has a default volume over ring default without creating it", () => {
    const h = new FsHarness();
    expect(h.ok({ kind: "volumeInfo" })).toMatchObject({
      volume: "default",
      ring: "default",
      files: 0,
      dirs: 1,
      bytes: 0,
      chunks: 0,
      dedupRatio: 1,
    });
    expect(h.kind({ kind: "createVolume", ring: "default" })).toBe("conflict");
  });

  it("creates a named volume over a ring, and refuses bad names and unknown volumes", () => {
    const h = new FsHarness();
    expect(h.ok({ kind: "createVolume", ring: "r2" }, "photos")).toMatchObject({ ring: "r2" });
    expect(h.ok({ kind: "volumeInfo" }, "photos").ring).toBe("r2");
    expect(h.kind({ kind: "createVolume", ring: "r" }, "Photos")).toBe("validation-failed");
    expect(h.kind({ kind: "createVolume", ring: "-r" }, "x")).toBe("validation-failed");
    expect(h.kind({ kind: "stat", path: "/" }, "nope")).toBe("not-found");
  });
});

describe("files and directories", () => {
  it("commits a file, creating missing parents, and stats it with its manifest", () => {
    const h = new FsHarness();
    const chunks = [chunk("a", 1024 * 1024), chunk("b", 10)];
    const result = h.put("/docs/2026/report.pdf", chunks);
    expect(result).toMatchObject({
      ok: true,
      op: "commit",
      replaced: false,
      created: ["/docs", "/docs/2026"],
    });
    const stat = h.ok({ kind: "stat", path: "/docs/2026/report.pdf" }).stat as FileStat;
    expect(stat).toMatchObject({ type: "file", size: 1024 * 1024 + 10, version: 1, chunks });
    expect(stat.etag).toBe(`${stat.sha256?.slice(0, 16)}-${stat.revision}`);
    expect(h.ok({ kind: "stat", path: "/docs/" }).stat).toMatchObject({ type: "dir", entries: 1 });
    expect(h.kind({ kind: "stat", path: "/docs/2026/report.pdf/" })).toBe("conflict");
    expect(h.kind({ kind: "stat", path: "/docs/2026/report.pdf/x" })).toBe("not-found");
  });

  it("commits a manifest without a whole-file digest (a copy of such a file): etag m-<revision>", () => {
    const h = new FsHarness();
    const chunks = [chunk("a", 5)];
    h.ok({ kind: "beginUpload", id: "copy", path: "/c", expiresAt: h.now + 60_000 });
    h.ok({ kind: "commit", path: "/c", upload: "copy", size: 5, chunks });
    const stat = h.ok({ kind: "stat", path: "/c" }).stat as FileStat;
    expect(stat).toMatchObject({ sha256: null, chunks, etag: `m-${stat.revision}` });
    h.ok({ kind: "beginUpload", id: "bad", path: "/d", expiresAt: h.now + 60_000 });
    const badDigest: FsOp = { kind: "commit", path: "/d", upload: "bad", size: 0, chunks: [] };
    expect(h.kind({ ...badDigest, sha256: "ABC" })).toBe("validation-failed");
  });

  it("replaces a file: version and etag change, never reusing an etag after delete and recreate", () => {
    const h = new FsHarness();
    h.put("/f", [chunk("1")]);
    const first = h.ok({ kind: "stat", path: "/f" }).stat as FileStat;
    expect(h.put("/f", [chunk("2")])).toMatchObject({ replaced: true, file: { version: 2 } });
    h.ok({ kind: "delete", path: "/f", recursive: false });
    h.put("/f", [chunk("1")]);
    const again = h.ok({ kind: "stat", path: "/f" }).stat as FileStat;
    expect(again.version).toBe(1);
    expect(again.etag).not.toBe(first.etag);
  });

  it("checks ifMatch and ifNoneMatch, and a failed precondition changes nothing", () => {
    const h = new FsHarness();
    h.put("/f", [chunk("1")]);
    const { etag } = h.ok({ kind: "stat", path: "/f" }).stat;
    const before = h.state();
    expect(h.put("/f", [chunk("2")], { ifNoneMatch: "*" })).toMatchObject({
      ok: false,
      problem: { kind: "precondition-failed", field: "op.ifNoneMatch" },
    });
    expect(h.put("/f", [chunk("2")], { ifMatch: "nope" })).toMatchObject({
      problem: { kind: "precondition-failed" },
    });
    expect(h.put("/g", [], { ifMatch: etag })).toMatchObject({
      problem: { kind: "precondition-failed" },
    });
    // Each refused put left its intent open; nothing else changed.
    expect(h.ok({ kind: "volumeInfo" }).openUploads).toBe(3);
    expect(h.ok({ kind: "volumeInfo" }).revision).toBe(1);
    expect(h.ok({ kind: "stat", path: "/f" }).stat.etag).toBe(etag);
    expect(before).not.toBe(h.state()); // the intents
    expect(h.put("/f", [chunk("3")], { ifMatch: etag })).toMatchObject({ ok: true });
  });

  it("refuses type clashes: a file over a directory, a directory over a file, a path through a file", () => {
    const h = new FsHarness();
    h.ok({ kind: "mkdir", path: "/d", parents: false });
    h.put("/f");
    expect(h.kind({ kind: "beginUpload", id: "x", path: "/d", expiresAt: h.now + 1 })).toBe(
      "conflict",
    );
    // A directory made after the upload began is still refused at commit.
    h.ok({ kind: "beginUpload", id: "late", path: "/e", expiresAt: h.now + 1 });
    h.ok({ kind: "mkdir", path: "/e", parents: false });
    const commit: FsOp = {
      kind: "commit",
      path: "/e",
      upload: "late",
      size: 0,
      chunks: [],
      sha256: sha("e"),
    };
    expect(h.kind(commit)).toBe("conflict");
    expect(h.kind({ kind: "mkdir", path: "/f", parents: true })).toBe("conflict");
    expect(h.kind({ kind: "mkdir", path: "/f/x", parents: true })).toBe("conflict");
    expect(h.kind({ kind: "beginUpload", id: "x", path: "/f/y", expiresAt: h.now + 1 })).toBe(
      "conflict",
    );
  });

  it("mkdir: parents creates the chain, without it a missing parent is not found", () => {
    const h = new FsHarness();
    expect(h.kind({ kind: "mkdir", path: "/a/b", parents: false })).toBe("not-found");
    expect(h.ok({ kind: "mkdir", path: "/a/b/c/", parents: true }).created).toEqual([
      "/a",
      "/a/b",
      "/a/b/c",
    ]);
    const revision = h.ok({ kind: "volumeInfo" }).revision;
    expect(h.ok({ kind: "mkdir", path: "/a/b", parents: true }).created).toEqual([]);
    expect(h.kind({ kind: "mkdir", path: "/a/b", parents: false })).toBe("conflict");
    expect(h.kind({ kind: "mkdir", path: "/", parents: false })).toBe("conflict");
    expect(h.ok({ kind: "volumeInfo" }).revision).toBe(revision);
  });

  it("lists in UTF-8 byte order, page by page with an opaque cursor", () => {
    const h = new FsHarness();
    const names = ["b", "a", "😀", "～", "Z", "dir"];
    for (const name of names) h.put(`/${name}`, [chunk(name)]);
    h.ok({ kind: "mkdir", path: "/dir2", parents: false });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const list = h.ok({ kind: "list", path: "/", limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...list.entries.map((e) => e.name));
      if (list.cursor === null) break;
      cursor = list.cursor;
    }
    expect(seen).toEqual(["Z", "a", "b", "dir", "dir2", "～", "😀"]);
    const entries = h.ok({ kind: "list", path: "/", limit: 1000 }).entries;
    expect(entries.find((e) => e.name === "dir2")).toMatchObject({ type: "dir", size: 0 });
    expect(entries.find((e) => e.name === "a")).toMatchObject({ type: "file", size: 100 });
    expect(h.kind({ kind: "list", path: "/a", limit: 10 })).toBe("conflict");
    expect(h.kind({ kind: "list", path: "/zz", limit: 10 })).toBe("not-found");
  });
});

describe("rename", () => {
  it("moves a directory with everything beneath it, across directories, atomically", () => {
    const h = new FsHarness();
    h.put("/src/a/one", [chunk("1")]);
    h.put("/src/a/deep/two", [chunk("2")]);
    h.ok({ kind: "mkdir", path: "/dst", parents: false });
    const etag = h.ok({ kind: "stat", path: "/src/a/one" }).stat.etag;
    expect(h.ok({ kind: "rename", from: "/src/a", to: "/dst/b" })).toMatchObject({
      replaced: false,
    });
    expect(h.kind({ kind: "stat", path: "/src/a" })).toBe("not-found");
    expect(h.ok({ kind: "stat", path: "/dst/b/one" }).stat.etag).toBe(etag);
    expect(h.ok({ kind: "stat", path: "/dst/b/deep/two" }).stat.type).toBe("file");
  });

  it("refuses moving a directory into itself or beneath itself", () => {
    const h = new FsHarness();
    h.ok({ kind: "mkdir", path: "/a/b", parents: true });
    expect(h.kind({ kind: "rename", from: "/a", to: "/a/b/c" })).toBe("validation-failed");
    expect(h.kind({ kind: "rename", from: "/a", to: "/a/c" })).toBe("validation-failed");
    expect(h.ok({ kind: "rename", from: "/a", to: "/a" }).replaced).toBe(false);
  });

  it("replaces a file with a file and an empty directory with a directory, and refuses the rest", () => {
    const h = new FsHarness();
    h.put("/f1", [chunk("1")]);
    h.put("/f2", [chunk("2")]);
    h.ok({ kind: "mkdir", path: "/d1/x", parents: true });
    h.ok({ kind: "mkdir", path: "/d2", parents: true });
    h.ok({ kind: "mkdir", path: "/d3", parents: true });
    expect(h.kind({ kind: "rename", from: "/f1", to: "/d2" })).toBe("conflict");
    expect(h.kind({ kind: "rename", from: "/d2", to: "/f1" })).toBe("conflict");
    expect(h.kind({ kind: "rename", from: "/d2", to: "/d1" })).toBe("conflict");
    expect(h.kind({ kind: "rename", from: "/f1", to: "/nope/f" })).toBe("not-found");
    expect(h.kind({ kind: "rename", from: "/f1", to: "/f2/f" })).toBe("conflict");
    expect(h.kind({ kind: "rename", from: "/", to: "/r" })).toBe("validation-failed");
    expect(h.ok({ kind: "rename", from: "/f1", to: "/f2" }).replaced).toBe(true);
    expect(h.ok({ kind: "rename", from: "/d1", to: "/d3" }).replaced).toBe(true);
    const info = h.ok({ kind: "volumeInfo" });
    expect(info).toMatchObject({ files: 1, dirs: 4, chunks: 1 });
  });

  it("checks ifMatch against the source", () => {
    const h = new FsHarness();
    h.put("/f", [chunk("1")]);
    expect(h.kind({ kind: "rename", from: "/f", to: "/g", ifMatch: "x" })).toBe(
      "precondition-failed",
    );
    const { etag } = h.ok({ kind: "stat", path: "/f" }).stat;
    expect(h.kind({ kind: "rename", from: "/f", to: "/g", ifMatch: etag })).toBe("ok");
  });
});

describe("delete", () => {
  it("deletes a file or an empty directory; a full one only recursively", () => {
    const h = new FsHarness();
    h.put("/d/e/f", [chunk("1")]);
    h.put("/d/g", [chunk("2")]);
    expect(h.kind({ kind: "delete", path: "/d", recursive: false })).toBe("conflict");
    expect(h.kind({ kind: "delete", path: "/", recursive: true })).toBe("validation-failed");
    expect(h.kind({ kind: "delete", path: "/d/g/", recursive: false })).toBe("conflict");
    expect(h.ok({ kind: "delete", path: "/d", recursive: true })).toMatchObject({
      files: 2,
      dirs: 2,
    });
    expect(h.ok({ kind: "volumeInfo" })).toMatchObject({ files: 0, dirs: 1, bytes: 0, chunks: 0 });
    expect(h.kind({ kind: "delete", path: "/d", recursive: true })).toBe("not-found");
  });
});

describe("volume counts", () => {
  it("counts logical bytes, distinct chunks and the dedup ratio", () => {
    const h = new FsHarness();
    const shared = chunk("shared", 1000);
    h.put("/a", [shared, shared]);
    h.put("/b", [shared, chunk("own", 500)]);
    expect(h.ok({ kind: "volumeInfo" })).toMatchObject({
      files: 2,
      bytes: 3500,
      chunks: 2,
      physicalBytes: 1500,
    });
    expect(h.ok({ kind: "volumeInfo" }).dedupRatio).toBeCloseTo(3500 / 1500);
  });

  it("refuses a chunk named with a size other than the one the volume knows", () => {
    const h = new FsHarness();
    h.put("/a", [{ hash: sha("x"), size: 10 }]);
    expect(h.put("/b", [{ hash: sha("x"), size: 11 }])).toMatchObject({
      problem: { kind: "validation-failed", field: "op.chunks[0].size" },
    });
  });
});
