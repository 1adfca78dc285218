import { describe, expect, it } from "vitest";
import { badChunk, badChunkOp, badRepair, damagedCopy } from "../../../shared/dht/chunk-checks";
import { chunkDigest, MAX_CHUNK_BYTES } from "../../../shared/dht/chunk-key";

const HASH = "a".repeat(64);

describe("a chunk call is refused before it touches storage", () => {
  it("when the hash is not 64 lowercase hex digits", () => {
    expect(badChunk("A".repeat(64))?.problem.field).toBe("hash");
    expect(badChunk("a".repeat(63))?.problem.kind).toBe("bad-request");
    expect(badChunk(HASH)).toBeUndefined();
  });

  it("when a put carries no bytes or more than a chunk holds", () => {
    expect(badChunkOp({ kind: "put", hash: HASH })?.problem.field).toBe("bytes");
    const over = badChunkOp({
      kind: "put",
      hash: HASH,
      bytes: new Uint8Array(MAX_CHUNK_BYTES + 1),
    });
    expect(over?.problem.kind).toBe("payload-too-large");
    expect(badChunkOp({ kind: "put", hash: HASH, bytes: new Uint8Array(MAX_CHUNK_BYTES) })).toBe(
      undefined,
    );
    expect(badChunkOp({ kind: "delete", hash: HASH })).toBeUndefined();
    expect(badChunkOp({ kind: "get", hash: HASH })?.problem.field).toBe("kind");
  });

  it("when a repair's bytes do not hash to the chunk's name", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect((await badRepair(HASH, bytes))?.problem.field).toBe("bytes");
    expect(await badRepair(await chunkDigest(bytes), bytes)).toBeUndefined();
  });
});

describe("fault injection's damaged copy", () => {
  it("no longer hashes to the chunk's name, and leaves the held bytes alone", async () => {
    for (const held of [new Uint8Array(0), new Uint8Array([7, 8, 9])]) {
      const before = held.slice();
      const damaged = damagedCopy(held);
      expect(await chunkDigest(damaged)).not.toBe(await chunkDigest(held));
      expect(held).toEqual(before);
    }
  });
});
