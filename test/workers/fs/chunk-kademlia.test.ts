import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chunkKey } from "../../../shared/dht/chunk-key";
import { chunkHealth, getChunk, listChunks, putChunk } from "../../../workers/fs/chunk-store";
import { bytesOf, createRing, failNode, sameBytes, viewOf } from "./chunk-api";

describe("the chunk store on a Kademlia ring", () => {
  it("stores on the k closest, mends a damaged copy, and keeps r copies through a failure", async () => {
    await createRing("ckad", 10, "kademlia", 3);
    const chunks = [bytesOf(0), bytesOf(1, 1), bytesOf(300_000, 2), bytesOf(5000, 3)];
    const refs = [];
    for (const bytes of chunks) refs.push(await putChunk(env, "ckad", bytes));
    expect((await putChunk(env, "ckad", chunks[2] as Uint8Array)).present).toBe(true);
    expect(await chunkHealth(env, "ckad")).toEqual({
      chunks: 4,
      underReplicated: 0,
      complete: true,
    });
    const view = await viewOf("ckad");
    const hash = refs[2]?.hash as string;
    const closest = view.holdersOf(chunkKey(hash), view.copies)[0]?.addr as string;
    const node = env.KADEMLIA_NODE.getByName(closest);
    expect(await node.corruptChunk(hash)).toEqual({ ok: true, value: true });
    expect(sameBytes(await getChunk(env, "ckad", hash), chunks[2] as Uint8Array)).toBe(true);
    const mended = await node.chunkCopy(hash);
    expect(mended.ok && sameBytes(mended.value?.bytes ?? null, chunks[2] as Uint8Array)).toBe(true);
    await failNode("ckad", closest.split("/")[1] as string);
    expect((await chunkHealth(env, "ckad")).underReplicated).toBe(0);
    expect((await listChunks(env, "ckad")).hashes).toEqual(refs.map((r) => r.hash).sort());
    for (const [i, ref] of refs.entries()) {
      expect(sameBytes(await getChunk(env, "ckad", ref.hash), chunks[i] as Uint8Array)).toBe(true);
    }
  });
});
