import { describe, expect, it } from "vitest";
import { chunk, FsHarness, sha } from "./fs-harness";

describe("the directory of volumes", () => {
  it("lists every volume with its group, ring and creation time, by name", () => {
    const h = new FsHarness();
    h.now = 5_000;
    h.ok({ kind: "createVolume", ring: "r2" }, "photos");
    h.now = 6_000;
    h.ok({ kind: "createVolume", ring: "r3", group: "g2" }, "logs");
    const { volumes } = h.ok({ kind: "listVolumes" });
    expect(volumes.map((v) => v.name)).toEqual(["default", "logs", "photos"]);
    expect(volumes[1]).toEqual({ name: "logs", group: "g2", ring: "r3", createdAt: 6_000 });
    expect(volumes[2]).toEqual({ name: "photos", group: "default", ring: "r2", createdAt: 5_000 });
  });

  it("dates the default volume by the first write that succeeds, across a snapshot — not by a read or a refusal", () => {
    const h = new FsHarness();
    const createdAt = () => h.ok({ kind: "listVolumes" }).volumes[0]?.createdAt;
    h.now = 4_000;
    expect(createdAt()).toBe(0);
    h.ok({ kind: "stat", path: "/" });
    expect(h.kind({ kind: "mkdir", path: "/a/b", parents: false })).toBe("not-found");
    expect(createdAt()).toBe(0);
    h.now = 5_000;
    h.ok({ kind: "mkdir", path: "/a", parents: false });
    h.now = 6_000;
    h.ok({ kind: "mkdir", path: "/b", parents: false });
    expect(createdAt()).toBe(5_000);
    const restored = new FsHarness();
    restored.ns.restore(h.ns.snapshot());
    expect(restored.ok({ kind: "listVolumes" }).volumes[0]?.createdAt).toBe(5_000);
  });

  it("deletes an empty volume (empty directories go with it), and the name can be created again", () => {
    const h = new FsHarness();
    h.ok({ kind: "createVolume", ring: "default" }, "tmp");
    h.ok({ kind: "mkdir", path: "/a/b", parents: true }, "tmp");
    h.ok({ kind: "deleteVolume" }, "tmp");
    expect(h.kind({ kind: "stat", path: "/" }, "tmp")).toBe("not-found");
    expect(h.kind({ kind: "deleteVolume" }, "tmp")).toBe("not-found");
    expect(h.ok({ kind: "createVolume", ring: "default" }, "tmp").volume).toBe("tmp");
  });

  it("binds a deleted volume's name to its group and ring, across a snapshot", () => {
    const h = new FsHarness();
    h.ok({ kind: "createVolume", ring: "r2", group: "g2" }, "old");
    h.ok({ kind: "deleteVolume" }, "old");
    const copy = new FsHarness();
    copy.ns.restore(h.ns.snapshot());
    expect(copy.kind({ kind: "createVolume", ring: "r3", group: "g2" }, "old")).toBe("conflict");
    expect(copy.kind({ kind: "createVolume", ring: "r2", group: "default" }, "old")).toBe(
      "conflict",
    );
    expect(copy.ok({ kind: "createVolume", ring: "r2", group: "g2" }, "old").ring).toBe("r2");
  });

  it("refuses to delete default, a volume holding a file, or one with an open upload", () => {
    const h = new FsHarness();
    expect(h.kind({ kind: "deleteVolume" })).toBe("conflict");
    h.ok({ kind: "createVolume", ring: "default" }, "full");
    h.ok({ kind: "beginUpload", id: "u", path: "/f", expiresAt: 60_000 }, "full");
    expect(h.kind({ kind: "deleteVolume" }, "full")).toBe("conflict");
    h.ok(
      {
        kind: "commit",
        path: "/f",
        upload: "u",
        size: 100,
        sha256: sha("f"),
        chunks: [chunk("f")],
      },
      "full",
    );
    expect(h.kind({ kind: "deleteVolume" }, "full")).toBe("conflict");
    expect(h.ok({ kind: "listVolumes" }).volumes.map((v) => v.name)).toEqual(["default", "full"]);
  });
});

describe("a pruning delete", () => {
  it("removes the directories it leaves empty, up to but not including the root", () => {
    const h = new FsHarness();
    h.put("/a/b/c/key", [chunk("k")]);
    h.put("/a/other", [chunk("o")]);
    expect(
      h.ok({ kind: "delete", path: "/a/b/c/key", recursive: false, prune: true }),
    ).toMatchObject({
      files: 1,
      dirs: 2,
    });
    expect(h.kind({ kind: "stat", path: "/a/b" })).toBe("not-found");
    expect(h.kind({ kind: "stat", path: "/a" })).toBe("ok");
    h.ok({ kind: "delete", path: "/a/other", recursive: false, prune: true });
    expect(h.ok({ kind: "volumeInfo" })).toMatchObject({ files: 0, dirs: 1 });
  });

  it("without prune leaves the empty parents in place", () => {
    const h = new FsHarness();
    h.put("/a/b/key", [chunk("k")]);
    h.ok({ kind: "delete", path: "/a/b/key", recursive: false });
    expect(h.kind({ kind: "stat", path: "/a/b" })).toBe("ok");
  });
});
