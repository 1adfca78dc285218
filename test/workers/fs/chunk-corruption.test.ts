import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ChunkOpRequest } from "../../../durable-objects/dht/node-contract";
import { getChunk, MAX_CHUNK_BYTES, putChunk } from "../../../workers/fs/chunk-store";
import { bytesOf, copyAt, createRing, holdersOf, sameBytes } from "./chunk-api";

async function corrupt(addr: string, hash: string, how: "damage" | "lose" = "damage") {
  const answer = await env.CHORD_NODE.getByName(addr).corruptChunk(hash, how);
  expect(answer).toEqual({ ok: true, value: true });
}

describe("the chunk store: damaged copies", () => {
  it("detects a damaged copy at the owner, serves good bytes from a replica and mends the owner", async () => {
    await createRing("rot", 6);
    const bytes = bytesOf(300_000, 1);
    const { hash } = await putChunk(env, "rot", bytes);
    const [owner, second, third] = await holdersOf("rot", hash);
    await corrupt(owner as string, hash);
    expect(sameBytes(await copyAt(owner as string, hash), bytes)).toBe(false);
    expect(sameBytes(await getChunk(env, "rot", hash), bytes)).toBe(true);
    for (const addr of [owner, second, third]) {
      expect(sameBytes(await copyAt(addr as string, hash), bytes), addr).toBe(true);
    }
  });

  it("reads through two damaged copies and a missing one, mending each", async () => {
    await createRing("rot2", 6);
    const bytes = bytesOf(1, 4);
    const empty = bytesOf(0);
    const one = await putChunk(env, "rot2", bytes);
    const zero = await putChunk(env, "rot2", empty);
    const holders = await holdersOf("rot2", one.hash);
    await corrupt(holders[0] as string, one.hash);
    await corrupt(holders[1] as string, one.hash);
    expect(sameBytes(await getChunk(env, "rot2", one.hash), bytes)).toBe(true);
    for (const addr of holders) expect(sameBytes(await copyAt(addr, one.hash), bytes)).toBe(true);
    // An empty chunk damaged (a byte appended) and one holder's copy lost.
    const [first, next] = await holdersOf("rot2", zero.hash);
    await corrupt(first as string, zero.hash);
    await corrupt(next as string, zero.hash, "lose");
    expect(await copyAt(next as string, zero.hash)).toBeNull();
    expect(sameBytes(await getChunk(env, "rot2", zero.hash), empty)).toBe(true);
    expect(sameBytes(await copyAt(first as string, zero.hash), empty)).toBe(true);
    expect(sameBytes(await copyAt(next as string, zero.hash), empty)).toBe(true);
  });

  it("refuses a repair whose bytes do not match the chunk's name, and malformed chunk writes", async () => {
    await createRing("rot3", 4);
    const bytes = bytesOf(1000, 2);
    const { hash } = await putChunk(env, "rot3", bytes);
    const [owner] = await holdersOf("rot3", hash);
    const refused = await env.CHORD_NODE.getByName(owner as string).chunkRepair(
      hash,
      bytesOf(1000, 3),
      1,
    );
    expect(refused.ok).toBe(false);
    const node = env.CHORD_NODE.getByName(owner as string);
    const wrongKind = await node.chunkOp({ kind: "get", hash } as unknown as ChunkOpRequest);
    expect(wrongKind).toMatchObject({ ok: false, problem: { kind: "bad-request", field: "kind" } });
    const noBytes = await node.chunkOp({ kind: "put", hash });
    expect(noBytes).toMatchObject({ ok: false, problem: { kind: "bad-request", field: "bytes" } });
    const tooMany = await node.chunkOp({
      kind: "put",
      hash,
      bytes: new Uint8Array(MAX_CHUNK_BYTES + 1),
    });
    expect(tooMany).toMatchObject({ ok: false, problem: { kind: "payload-too-large" } });
    expect(sameBytes(await copyAt(owner as string, hash), bytes)).toBe(true);
  });
});
