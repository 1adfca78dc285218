import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chunkDigest } from "../../../shared/dht/chunk-key";
import {
  chunkHealth,
  getChunk,
  listChunks,
  MAX_CHUNK_BYTES,
  putChunk,
} from "../../../workers/fs/chunk-store";
import { ProblemError } from "../../../workers/gateway/problem";
import { call } from "../dht/ring-api";
import { bytesOf, copyAt, createRing, holdersOf, sameBytes } from "./chunk-api";

async function problemOf(work: Promise<unknown>): Promise<ProblemError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemError)) throw new Error(`expected a ProblemError, got ${error}`);
  return error;
}

describe("the chunk store: binary round trips", () => {
  it("stores and reads 0 bytes, 1 byte, binary data and exactly 1 MiB, on r holders", async () => {
    await createRing("chunks", 5);
    expect(MAX_CHUNK_BYTES).toBe(1_048_576);
    for (const bytes of [bytesOf(0), bytesOf(1, 3), bytesOf(70_000, 5), bytesOf(MAX_CHUNK_BYTES)]) {
      const ref = await putChunk(env, "chunks", bytes);
      expect(ref).toEqual({
        hash: await chunkDigest(bytes),
        size: bytes.byteLength,
        present: false,
      });
      const read = await getChunk(env, "chunks", ref.hash);
      expect(read).toBeInstanceOf(Uint8Array);
      expect(sameBytes(read, bytes), `${bytes.byteLength} bytes`).toBe(true);
      const holders = await holdersOf("chunks", ref.hash);
      expect(holders).toHaveLength(3);
      for (const addr of holders) expect(sameBytes(await copyAt(addr, ref.hash), bytes)).toBe(true);
    }
    // Kept as a BLOB of exactly its bytes, not as text.
    const big = await chunkDigest(bytesOf(MAX_CHUNK_BYTES));
    const [owner] = await holdersOf("chunks", big);
    const row = await runInDurableObject(env.CHORD_NODE.getByName(owner as string), (_, state) =>
      state.storage.sql
        .exec(
          "SELECT typeof(bytes) AS kind, length(bytes) AS size, length(data) AS text FROM records WHERE key = ?",
          `\u0001chunk/${big}`,
        )
        .one(),
    );
    expect(row.kind).toBe("blob");
    expect(row.size).toBe(MAX_CHUNK_BYTES);
    expect(row.text as number).toBeLessThan(200);
    expect(await chunkHealth(env, "chunks")).toEqual({
      chunks: 4,
      underReplicated: 0,
      complete: true,
    });
  });

  it("refuses more than 1 MiB and malformed hashes, and storing nothing; 404 for an absent chunk", async () => {
    await createRing("refuse", 4);
    const tooBig = await problemOf(putChunk(env, "refuse", bytesOf(MAX_CHUNK_BYTES + 1)));
    expect(tooBig.kind).toBe("payload-too-large");
    expect(tooBig.options.field).toBe("bytes");
    expect((await listChunks(env, "refuse")).hashes).toEqual([]);
    expect((await problemOf(getChunk(env, "refuse", "ABC"))).kind).toBe("bad-request");
    const absent = await chunkDigest(bytesOf(10));
    expect((await problemOf(getChunk(env, "refuse", absent))).kind).toBe("not-found");
    expect((await problemOf(getChunk(env, "no-such-ring", absent))).kind).toBe("not-found");
  });

  it("stores the same bytes once, and the key API cannot reach a chunk", async () => {
    await createRing("dedup", 4);
    const bytes = bytesOf(5000, 9);
    const first = await putChunk(env, "dedup", bytes);
    const second = await putChunk(env, "dedup", bytes.slice());
    expect(first.present).toBe(false);
    expect(second).toEqual({ ...first, present: true });
    expect(await listChunks(env, "dedup")).toEqual({ hashes: [first.hash], complete: true });
    expect((await chunkHealth(env, "dedup")).chunks).toBe(1);
    // Chunks are not keys: not counted, not readable, not overwritable through /keys.
    const status = await call("GET", "/dedup");
    const nodes = status.body.nodes as { keys: number }[];
    expect(nodes.reduce((sum, n) => sum + n.keys, 0)).toBe(0);
    const path = `/dedup/keys/${encodeURIComponent(`\u0001chunk/${first.hash}`)}`;
    expect((await call("GET", path)).status).toBe(400);
    expect((await call("PUT", path, { value: "x" })).status).toBe(400);
    expect((await call("DELETE", path)).status).toBe(400);
    // The node itself refuses them too, whoever calls.
    const [owner] = await holdersOf("dedup", first.hash);
    const direct = await env.CHORD_NODE.getByName(owner as string).keyOp({
      kind: "put",
      key: `\u0001chunk/${first.hash}`,
      value: "x",
    });
    expect(direct).toMatchObject({ ok: false, problem: { kind: "bad-request" } });
    expect(sameBytes(await getChunk(env, "dedup", first.hash), bytes)).toBe(true);
  });
});
