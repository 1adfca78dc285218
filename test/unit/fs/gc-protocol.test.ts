import { describe, expect, it } from "vitest";
import { MAX_GC_LISTED, MAX_SWEEPS, planSweep } from "../../../shared/fs/index";
import { chunk, FsHarness, sha } from "./fs-harness";

const live = chunk("live");
const garbage = chunk("garbage");
const pinned = chunk("pinned");

function gcBegin(
  h: FsHarness,
  sweep: string,
  listed: string[],
  complete = true,
  volume = "default",
) {
  return h.run({ kind: "gcBegin", sweep, listed, complete }, volume);
}

describe("a sweep's plan", () => {
  it("refuses an incomplete listing outright and changes nothing", () => {
    const h = new FsHarness();
    const before = h.state();
    expect(gcBegin(h, "s1", [garbage.hash], false)).toMatchObject({
      ok: false,
      problem: { kind: "unavailable", field: "op.complete" },
    });
    expect(h.state()).toBe(before);
    expect(h.kind({ kind: "gcEnd", sweep: "s1" })).toBe("not-found");
  });

  it("spares chunks files reference and parts pin; dooms the rest, distinct and sorted", () => {
    const h = new FsHarness();
    h.put("/f", [live]);
    h.ok({ kind: "beginUpload", id: "mp", path: "/m", expiresAt: h.now + 10_000 });
    h.ok({ kind: "putPart", id: "mp", part: 1, size: pinned.size, chunks: [pinned] });
    const other = chunk("other");
    const listed = [other.hash, live.hash, garbage.hash, pinned.hash, garbage.hash];
    const result = h.ok({ kind: "gcBegin", sweep: "s1", listed, complete: true });
    expect(result.deletable).toEqual([garbage.hash, other.hash].sort());
    expect(planSweep(["b", "a", "b", "c"], (x) => x === "c")).toEqual(["a", "b"]);
  });

  it("spares chunks of every volume over the same ring, not of volumes over other rings", () => {
    const h = new FsHarness();
    h.ok({ kind: "createVolume", ring: "default" }, "same");
    h.ok({ kind: "createVolume", ring: "elsewhere" }, "other");
    h.ok({ kind: "beginUpload", id: "u", path: "/x", expiresAt: h.now + 1000 }, "same");
    h.ok(
      { kind: "commit", path: "/x", upload: "u", size: 100, sha256: sha("x"), chunks: [live] },
      "same",
    );
    h.ok({ kind: "beginUpload", id: "u", path: "/y", expiresAt: h.now + 1000 }, "other");
    h.ok(
      { kind: "commit", path: "/y", upload: "u", size: 100, sha256: sha("y"), chunks: [garbage] },
      "other",
    );
    expect(
      h.ok({ kind: "gcBegin", sweep: "s", listed: [live.hash, garbage.hash], complete: true }),
    ).toMatchObject({ ring: "default", deletable: [garbage.hash] });
  });
});

describe("uploads that overlap a sweep", () => {
  it("refuses a commit naming a doomed chunk while the sweep runs and after, until the intent closes", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "old", path: "/f", expiresAt: h.now + 60_000 });
    h.ok({ kind: "gcBegin", sweep: "s1", listed: [garbage.hash], complete: true });
    const commit = {
      kind: "commit" as const,
      path: "/f",
      upload: "old",
      size: 100,
      sha256: sha("f"),
      chunks: [garbage],
    };
    const before = h.state();
    expect(h.run(commit)).toMatchObject({
      ok: false,
      problem: { kind: "unavailable", field: "op.chunks" },
    });
    expect(h.state()).toBe(before);
    // Ended but kept: the intent may have deduplicated against the chunk before its delete.
    expect(h.ok({ kind: "gcEnd", sweep: "s1" }).retained).toBe(true);
    expect(h.kind(commit)).toBe("unavailable");
    // A chunk the sweep did not doom is fine under the same intent.
    expect(h.kind({ ...commit, chunks: [live] })).toBe("ok");
    // The sweep is gone once no overlapping intent is open; a new upload may use the hash.
    expect(h.kind({ kind: "gcEnd", sweep: "s1" })).toBe("not-found");
    expect(h.put("/g", [garbage])).toMatchObject({ ok: true });
  });

  it("counts an intent begun while the sweep runs as overlapping, and one begun after gcEnd as not", () => {
    const h = new FsHarness();
    h.ok({ kind: "gcBegin", sweep: "s1", listed: [garbage.hash], complete: true });
    h.ok({ kind: "beginUpload", id: "during", path: "/a", expiresAt: h.now + 60_000 });
    h.ok({ kind: "putPart", id: "during", part: 1, size: 100, chunks: [live] });
    expect(h.kind({ kind: "putPart", id: "during", part: 2, size: 100, chunks: [garbage] })).toBe(
      "unavailable",
    );
    expect(h.ok({ kind: "gcEnd", sweep: "s1" }).retained).toBe(true);
    h.ok({ kind: "beginUpload", id: "after", path: "/b", expiresAt: h.now + 60_000 });
    expect(h.kind({ kind: "putPart", id: "after", part: 1, size: 100, chunks: [garbage] })).toBe(
      "ok",
    );
    expect(h.ok({ kind: "completeUpload", id: "after" }).file.sha256).toBeNull();
  });

  it("drops an ended sweep when its last overlapping intent expires", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "u", path: "/f", expiresAt: h.now + 1_000 });
    h.ok({ kind: "gcBegin", sweep: "s1", listed: [], complete: true });
    h.ok({ kind: "gcEnd", sweep: "s1" });
    expect(h.ns.nextUploadDeadline()).toBe(h.now + 1_000);
    h.now += 1_000;
    expect(h.ns.expiredUploads(h.now)).toEqual([{ volume: "default", id: "u" }]);
    expect(h.ns.dueWork(h.now)).toEqual({
      type: "fs",
      volume: "default",
      now: h.now,
      op: { kind: "expireUploads" },
    });
    expect(h.ok({ kind: "expireUploads" }).expired).toEqual(["u"]);
    expect(h.ns.dueWork(h.now)).toBeUndefined();
    expect(h.ns.nextUploadDeadline()).toBeNull();
    expect(h.state()).toContain('"sweeps":[]');
  });
});

describe("sweep bounds", () => {
  it("refuses a reused sweep id, more than MAX_SWEEPS sweeps and more than MAX_GC_LISTED hashes", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "keep", path: "/f", expiresAt: h.now + 60_000 });
    for (let i = 0; i < MAX_SWEEPS; i++) {
      h.ok({ kind: "gcBegin", sweep: `s${i}`, listed: [], complete: true });
      if (i % 2 === 0) h.ok({ kind: "gcEnd", sweep: `s${i}` });
    }
    expect(h.kind({ kind: "gcBegin", sweep: "s0", listed: [], complete: true })).toBe("conflict");
    expect(h.kind({ kind: "gcBegin", sweep: "more", listed: [], complete: true })).toBe(
      "unavailable",
    );
    h.ok({ kind: "abortUpload", id: "keep" });
    for (let i = 1; i < MAX_SWEEPS; i += 2) h.ok({ kind: "gcEnd", sweep: `s${i}` });
    const many = Array.from({ length: MAX_GC_LISTED }, (_, i) => sha(`h${i}`));
    expect(
      h.ok({ kind: "gcBegin", sweep: "big", listed: many, complete: true }).deletable,
    ).toHaveLength(MAX_GC_LISTED);
    expect(
      h.kind({ kind: "gcBegin", sweep: "bigger", listed: [...many, sha("x")], complete: true }),
    ).toBe("payload-too-large");
    expect(h.kind({ kind: "gcBegin", sweep: "bad", listed: ["ABC"], complete: true })).toBe(
      "validation-failed",
    );
  });
});
