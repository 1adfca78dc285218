import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  chunkHealth,
  deleteChunk,
  getChunk,
  listChunks,
  MAX_CHUNK_BYTES,
  putChunk,
} from "../../../workers/fs/chunk-store";
import { call, eventually } from "../dht/ring-api";
import { bytesOf, copyAt, createRing, failNode, holdersOf, sameBytes } from "./chunk-api";

const SIZES = [0, 1, 4096, 65_536, 200_000, MAX_CHUNK_BYTES, 3, 777];

describe("the chunk store: failures and membership changes", () => {
  it("restores every chunk to r copies after a node fails, and after a join and a leave", async () => {
    await createRing("cfail", 7);
    const chunks = SIZES.map((size, i) => bytesOf(size, i));
    const refs = [];
    for (const bytes of chunks) refs.push(await putChunk(env, "cfail", bytes));
    // Fail a node that holds some chunk, once the ring is idle (no maintenance running
    // that could repair it by chance).
    await eventually(
      () => call("GET", "/cfail"),
      (v) => (v.body.nodes as { alarmSet: boolean }[]).every((n) => !n.alarmSet),
      20_000,
    );
    const victim = (await holdersOf("cfail", refs[5]?.hash as string))[0] as string;
    await failNode("cfail", victim.split("/")[1] as string);
    expect(await chunkHealth(env, "cfail")).toEqual({
      chunks: SIZES.length,
      underReplicated: 0,
      complete: true,
    });
    for (const ref of refs) {
      for (const addr of await holdersOf("cfail", ref.hash)) {
        expect(await copyAt(addr, ref.hash), `${ref.size} B at ${addr}`).not.toBeNull();
      }
    }
    expect((await call("POST", "/cfail/nodes")).status).toBe(201);
    expect((await call("DELETE", "/cfail/nodes/n2?mode=leave")).status).toBe(200);
    expect((await chunkHealth(env, "cfail")).underReplicated).toBe(0);
    for (const [i, ref] of refs.entries()) {
      expect(sameBytes(await getChunk(env, "cfail", ref.hash), chunks[i] as Uint8Array)).toBe(true);
    }
  });

  it("deletes every copy of a chunk; it is then absent and no longer listed", async () => {
    await createRing("cdel", 5);
    const keep = await putChunk(env, "cdel", bytesOf(100, 1));
    const gone = await putChunk(env, "cdel", bytesOf(100, 2));
    // A join first, so a copy may be left on a node outside the holders.
    expect((await call("POST", "/cdel/nodes")).status).toBe(201);
    await deleteChunk(env, "cdel", gone.hash);
    for (const addr of await holdersOf("cdel", gone.hash)) {
      expect(await copyAt(addr, gone.hash)).toBeNull();
    }
    await expect(getChunk(env, "cdel", gone.hash)).rejects.toMatchObject({ kind: "not-found" });
    expect(await listChunks(env, "cdel")).toEqual({ hashes: [keep.hash], complete: true });
    await deleteChunk(env, "cdel", gone.hash);
    // Stored again after its delete, it is back.
    expect((await putChunk(env, "cdel", bytesOf(100, 2))).present).toBe(false);
    expect((await listChunks(env, "cdel")).hashes).toHaveLength(2);
  });
});
