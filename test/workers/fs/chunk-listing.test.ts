import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { chunkHealth, listChunks, putChunk } from "../../../workers/fs/chunk-store";
import { bytesOf, createRing, viewOf } from "./chunk-api";

describe("the chunk store: listing", () => {
  it("lists every chunk once when every node answers, and says incomplete when one does not", async () => {
    await createRing("clist", 6);
    const hashes: string[] = [];
    for (let i = 0; i < 10; i++)
      hashes.push((await putChunk(env, "clist", bytesOf(50 + i, i))).hash);
    hashes.sort();
    expect(await listChunks(env, "clist")).toEqual({ hashes, complete: true });
    // A member the directory still counts as live stops answering (its object lost its
    // node without the directory's knowing): the listing must say it is incomplete.
    const member = (await viewOf("clist")).snapshot.members[2]?.addr as string;
    expect((await env.CHORD_NODE.getByName(member).fail()).ok).toBe(true);
    const partial = await listChunks(env, "clist");
    expect(partial.complete).toBe(false);
    expect(partial.hashes).toEqual(hashes); // r = 3: the other holders still answer for each
    expect((await chunkHealth(env, "clist")).complete).toBe(false);
  });
});
