import { describe, expect, it } from "vitest";
import { DEFAULT_GROUP } from "../../../shared/consensus/group-config";
import { CHUNK_SIZE } from "../../../shared/fs/chunker";
import {
  DEFAULT_GROUP_NAME,
  type FsCommand,
  MAX_CHUNK_BYTES,
  MAX_CHUNKS_PER_COMMAND,
  MAX_ETAG_LENGTH,
  MAX_FILE_CHUNKS,
  MAX_ID_LENGTH,
  MAX_LIST_LIMIT,
  MAX_NAME_LENGTH,
  MAX_OPEN_UPLOADS,
  MAX_PATH_DEPTH,
  MAX_UPLOAD_PARTS,
  MAX_UPLOAD_TTL_MS,
  MAX_VOLUME_INODES,
  MAX_VOLUMES,
  validateFsCommand,
} from "../../../shared/fs/index";
import { Rng } from "../../../shared/rng";
import { chunk, FsHarness, sha } from "./fs-harness";

const command = (op: FsCommand["op"], volume = "default"): FsCommand => ({
  type: "fs",
  volume,
  now: 1000,
  op,
});

function field(op: FsCommand["op"]) {
  return validateFsCommand(command(op))?.problem;
}

describe("command bounds", () => {
  it("bounds chunk sizes: 1 MiB fits, one byte more or an empty chunk does not", () => {
    expect(MAX_CHUNK_BYTES).toBe(CHUNK_SIZE); // what the chunker cuts
    const one = { hash: sha("c"), size: MAX_CHUNK_BYTES };
    const base = { kind: "putPart" as const, id: "u", part: 1 };
    expect(field({ ...base, size: MAX_CHUNK_BYTES, chunks: [one] })).toBeUndefined();
    expect(
      field({
        ...base,
        size: MAX_CHUNK_BYTES + 1,
        chunks: [{ ...one, size: MAX_CHUNK_BYTES + 1 }],
      }),
    ).toMatchObject({ kind: "validation-failed", field: "op.chunks[0].size" });
    expect(field({ ...base, size: 0, chunks: [{ ...one, size: 0 }] })).toMatchObject({
      field: "op.chunks[0].size",
    });
  });

  it("bounds chunks per command and checks that sizes add up", () => {
    const chunks = Array.from({ length: MAX_CHUNKS_PER_COMMAND }, (_, i) => chunk(`${i}`, 1));
    const base = { kind: "putPart" as const, id: "u", part: 1 };
    expect(field({ ...base, size: chunks.length, chunks })).toBeUndefined();
    expect(
      field({ ...base, size: chunks.length + 1, chunks: [...chunks, chunk("x", 1)] }),
    ).toMatchObject({ kind: "payload-too-large", field: "op.chunks" });
    expect(field({ ...base, size: 5, chunks: [chunk("a", 4)] })).toMatchObject({
      field: "op.size",
    });
    expect(field({ ...base, size: 1, chunks: [{ hash: "A".repeat(64), size: 1 }] })).toMatchObject({
      field: "op.chunks[0].hash",
    });
  });

  it("bounds part numbers, list limits, ids, names and upload lifetimes", () => {
    const part = { kind: "putPart" as const, id: "u", size: 0, chunks: [] };
    expect(field({ ...part, part: MAX_UPLOAD_PARTS })).toBeUndefined();
    expect(field({ ...part, part: MAX_UPLOAD_PARTS + 1 })?.field).toBe("op.part");
    expect(field({ ...part, part: 0 })?.field).toBe("op.part");
    expect(field({ kind: "list", path: "/", limit: MAX_LIST_LIMIT })).toBeUndefined();
    expect(field({ kind: "list", path: "/", limit: MAX_LIST_LIMIT + 1 })?.field).toBe("op.limit");
    expect(field({ kind: "list", path: "/", limit: 0 })?.field).toBe("op.limit");
    expect(field({ kind: "list", path: "/", limit: 1, cursor: "a/b" })?.field).toBe("op.cursor");
    expect(field({ kind: "abortUpload", id: "i".repeat(MAX_ID_LENGTH) })).toBeUndefined();
    expect(field({ kind: "abortUpload", id: "i".repeat(MAX_ID_LENGTH + 1) })?.field).toBe("op.id");
    expect(field({ kind: "abortUpload", id: "a/b" })?.field).toBe("op.id");
    const name = "n".repeat(MAX_NAME_LENGTH);
    expect(validateFsCommand(command({ kind: "volumeInfo" }, name))).toBeNull();
    expect(validateFsCommand(command({ kind: "volumeInfo" }, `${name}n`))?.problem.field).toBe(
      "volume",
    );
    const begin = { kind: "beginUpload" as const, id: "u", path: "/f" };
    expect(field({ ...begin, expiresAt: 1000 + MAX_UPLOAD_TTL_MS })).toBeUndefined();
    expect(field({ ...begin, expiresAt: 1001 + MAX_UPLOAD_TTL_MS })?.field).toBe("op.expiresAt");
    expect(field({ ...begin, expiresAt: 1000 })?.field).toBe("op.expiresAt");
  });

  it("refuses bad envelopes, file paths at the root or with a slash, and contradictory preconditions", () => {
    expect(validateFsCommand({ ...command({ kind: "volumeInfo" }), now: -1 })?.problem.field).toBe(
      "now",
    );
    expect(
      validateFsCommand({ ...command({ kind: "volumeInfo" }), type: "put" } as unknown as FsCommand)
        ?.problem.field,
    ).toBe("type");
    expect(field({ kind: "nope" } as unknown as FsCommand["op"])?.field).toBe("op.kind");
    const begin = { kind: "beginUpload" as const, id: "u", expiresAt: 2000 };
    expect(field({ ...begin, path: "/" })?.field).toBe("op.path");
    expect(field({ ...begin, path: "/d/" })?.field).toBe("op.path");
    expect(field({ ...begin, path: "/a/../b" })).toMatchObject({
      kind: "validation-failed",
      detail: expect.stringContaining("dot-segment"),
    });
    const del = { kind: "delete" as const, path: "/f", recursive: false };
    expect(field({ ...del, ifMatch: "e".repeat(MAX_ETAG_LENGTH) })).toBeUndefined();
    expect(field({ ...del, ifMatch: "e".repeat(MAX_ETAG_LENGTH + 1) })?.field).toBe("op.ifMatch");
    expect(field({ ...del, ifMatch: "" })?.field).toBe("op.ifMatch");
    expect(
      field({ kind: "completeUpload", id: "u", ifMatch: "e", ifNoneMatch: "*" }),
    ).toMatchObject({
      kind: "bad-request",
    });
    expect(field({ kind: "createVolume", ring: "r", group: "-g" })).toBeUndefined();
    expect(field({ kind: "createVolume", ring: "r", group: "G" })?.field).toBe("op.group");
  });

  it("records the default group under the consensus layer's name for it", () => {
    expect(DEFAULT_GROUP_NAME).toBe(DEFAULT_GROUP.name);
    const h = new FsHarness();
    expect(h.ok({ kind: "volumeInfo" }).group).toBe(DEFAULT_GROUP_NAME);
    expect(h.ok({ kind: "createVolume", ring: "r", group: "g2" }, "v").group).toBe("g2");
    expect(h.ok({ kind: "volumeInfo" }, "v").group).toBe("g2");
  });
});

describe("state bounds", () => {
  it("holds at most MAX_VOLUMES volumes", () => {
    const h = new FsHarness();
    for (let i = 1; i < MAX_VOLUMES; i++) h.ok({ kind: "createVolume", ring: "r" }, `v${i}`);
    expect(h.kind({ kind: "createVolume", ring: "r" }, "one-more")).toBe("conflict");
  });

  it("holds at most MAX_OPEN_UPLOADS intents per volume (retry later)", () => {
    const h = new FsHarness();
    for (let i = 0; i < MAX_OPEN_UPLOADS; i++) {
      h.ok({ kind: "beginUpload", id: `u${i}`, path: "/f", expiresAt: h.now + 1000 });
    }
    expect(
      h.run({ kind: "beginUpload", id: "x", path: "/f", expiresAt: h.now + 1000 }),
    ).toMatchObject({
      ok: false,
      problem: { kind: "unavailable", retryAfterSeconds: 60 },
    });
    expect(h.kind({ kind: "beginUpload", id: "u0", path: "/g", expiresAt: h.now + 1000 })).toBe(
      "conflict",
    );
  });

  it("holds at most MAX_FILE_CHUNKS chunks in one multipart manifest", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "big", path: "/f", expiresAt: h.now + 60_000 });
    const parts = Math.ceil(MAX_FILE_CHUNKS / MAX_CHUNKS_PER_COMMAND);
    let n = 0;
    for (let part = 1; part <= parts; part++) {
      const count = Math.min(MAX_CHUNKS_PER_COMMAND, MAX_FILE_CHUNKS - n);
      const chunks = Array.from({ length: count }, () => chunk(`${n++}`, 1));
      h.ok({ kind: "putPart", id: "big", part, size: count, chunks });
    }
    expect(n).toBe(MAX_FILE_CHUNKS);
    expect(
      h.kind({ kind: "putPart", id: "big", part: parts + 1, size: 1, chunks: [chunk("x", 1)] }),
    ).toBe("payload-too-large");
    // Replacing a part is measured without the part it replaces.
    expect(h.kind({ kind: "putPart", id: "big", part: 1, size: 1, chunks: [chunk("y", 1)] })).toBe(
      "ok",
    );
    expect(h.ok({ kind: "completeUpload", id: "big" }).file.chunks).toHaveLength(
      MAX_FILE_CHUNKS - MAX_CHUNKS_PER_COMMAND + 1,
    );
  });

  it("holds at most MAX_VOLUME_INODES files and directories per volume", () => {
    const h = new FsHarness();
    const deep = "/d".repeat(MAX_PATH_DEPTH - 1);
    let made = 1;
    for (let i = 0; made + MAX_PATH_DEPTH <= MAX_VOLUME_INODES; i++) {
      made += h.ok({ kind: "mkdir", path: `/t${i}${deep}`, parents: true }).created.length;
    }
    const info = h.ok({ kind: "volumeInfo" });
    expect(info.dirs).toBe(made);
    const room = MAX_VOLUME_INODES - made;
    expect(h.kind({ kind: "mkdir", path: `/last${"/d".repeat(room)}`, parents: true })).toBe(
      "conflict",
    );
    expect(
      h.ok({ kind: "mkdir", path: `/last${"/d".repeat(room - 1)}`, parents: true }).created,
    ).toHaveLength(room);
    expect(h.put("/one-more")).toMatchObject({ problem: { kind: "conflict" } });
  });
});

describe("upload intents", () => {
  it("refuses a commit of an expired, unknown, mismatched or multipart intent, changing nothing", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "u", path: "/f", expiresAt: h.now + 100 });
    const commit = {
      kind: "commit" as const,
      path: "/f",
      upload: "u",
      size: 0,
      sha256: sha("f"),
      chunks: [],
    };
    expect(h.kind({ ...commit, upload: "nope" })).toBe("not-found");
    expect(h.kind({ ...commit, path: "/g" })).toBe("validation-failed");
    h.ok({ kind: "beginUpload", id: "mp", path: "/m", expiresAt: h.now + 1000 });
    h.ok({ kind: "putPart", id: "mp", part: 1, size: 0, chunks: [] });
    expect(h.kind({ ...commit, path: "/m", upload: "mp" })).toBe("conflict");
    h.ok({ kind: "beginUpload", id: "empty", path: "/e", expiresAt: h.now + 1000 });
    expect(h.kind({ kind: "completeUpload", id: "empty" })).toBe("validation-failed");
    expect(h.kind({ kind: "completeUpload", id: "mp", size: 1 })).toBe("validation-failed");
    h.now += 100;
    const before = h.state();
    expect(h.run(commit)).toMatchObject({
      ok: false,
      problem: { kind: "not-found", field: "op.upload" },
    });
    expect(h.state()).toBe(before);
    // An expired intent may still be aborted before expiry closes it.
    expect(h.kind({ kind: "abortUpload", id: "u" })).toBe("ok");
    expect(h.kind({ kind: "abortUpload", id: "u" })).toBe("not-found");
  });

  it("orders a session's parts by number, whatever order they came in", () => {
    const h = new FsHarness();
    h.ok({ kind: "beginUpload", id: "mp", path: "/m", expiresAt: h.now + 1000 });
    for (const part of [3, 1, 2]) {
      h.ok({ kind: "putPart", id: "mp", part, size: 10, chunks: [chunk(`p${part}`, 10)] });
    }
    const done = h.ok({ kind: "completeUpload", id: "mp", size: 30, sha256: sha("m") });
    expect(done.file.chunks).toEqual([chunk("p1", 10), chunk("p2", 10), chunk("p3", 10)]);
    expect(done.file.size).toBe(30);
    expect(h.ok({ kind: "volumeInfo" }).openUploads).toBe(0);
  });
});

describe("hostile commands", () => {
  it("answers a problem, never throws and changes nothing, whatever the fields hold", () => {
    const h = new FsHarness();
    h.put("/f", [chunk("1")]);
    h.ok({ kind: "beginUpload", id: "u", path: "/g", expiresAt: h.now + 1000 });
    const before = h.state();
    const rng = new Rng(7);
    const junk = [
      null,
      undefined,
      0,
      -1,
      1.5,
      Number.NaN,
      "",
      "/",
      "x",
      [],
      {},
      [null],
      true,
      "😀",
    ];
    const kinds = ["mkdir", "commit", "stat", "list", "rename", "delete", "beginUpload", "putPart"];
    const more = ["completeUpload", "abortUpload", "gcBegin", "gcEnd", "createVolume", "nope"];
    const fields = ["path", "from", "to", "id", "upload", "size", "sha256", "chunks", "part"];
    const extra = [
      "limit",
      "cursor",
      "parents",
      "recursive",
      "ifMatch",
      "ifNoneMatch",
      "expiresAt",
    ];
    const gc = ["listed", "complete", "sweep", "ring", "group"];
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const op: Record<string, unknown> = { kind: rng.pick([...kinds, ...more]) };
      for (const f of [...fields, ...extra, ...gc]) if (rng.chance(0.4)) op[f] = rng.pick(junk);
      const command = { type: "fs", volume: rng.pick(["default", 3, "", null]), now: 5000, op };
      const result = h.ns.apply(command as unknown as FsCommand, i);
      // The few well-formed ones are reads or no-ops (stat /, mkdir -p /); the rest refused.
      if (result.ok) expect(["stat", "list", "mkdir", "volumeInfo"]).toContain(result.op);
      else refused++;
    }
    expect(refused).toBeGreaterThan(2900);
    expect(h.state()).toBe(before);
  });
});
