/**
 * The chunk store's limits and failure answers, against a real ring directory and fake
 * ring nodes that answer as a test needs (no requests through `SELF`).
 */
import { describe, expect, it } from "vitest";
import { chunkDigest } from "../../../shared/dht/chunk-key";
import {
  CHUNK_WRITE_ATTEMPTS,
  getChunk,
  listChunks,
  putChunk,
  SURVEY_PARALLELISM,
} from "../../../workers/fs/chunk-store";
import { envWith } from "../env";
import { bytesOf, createRing } from "./chunk-api";

type Behaviour = "throw" | "none" | "damaged";

/**
 * Ring nodes that each answer a chunk read as `behaviour` says, counting every call; a
 * routed lookup answers `found`.
 */
function fakeNodes(behaviour: (addr: string) => Behaviour, found: Uint8Array | null = null) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, writes: 0, lookups: 0 };
  const node = (addr: string) => ({
    async chunkHashes() {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      stats.inFlight--;
      return { ok: true, value: { held: [], deleted: [] } };
    },
    async chunkCopy() {
      stats.calls++;
      const how = behaviour(addr);
      if (how === "throw") throw new Error("unreachable");
      if (how === "none") return { ok: true, value: null };
      return { ok: true, value: { bytes: bytesOf(10, 9), stamp: 1 } };
    },
    async chunkOp() {
      stats.writes++;
      throw new Error("unreachable");
    },
    async chunkRepair() {
      return { ok: true, value: null };
    },
    async chunkLookup() {
      stats.lookups++;
      return { ok: true, value: found };
    },
  });
  const fake = envWith({ CHORD_NODE: { getByName: node } as unknown as Env["CHORD_NODE"] });
  return { fake, stats };
}

describe("the chunk store's limits and failure answers", () => {
  it(`asks at most ${SURVEY_PARALLELISM} nodes at once while listing, every node once`, async () => {
    await createRing("lim", 9);
    const { fake, stats } = fakeNodes(() => "none");
    expect(await listChunks(fake, "lim")).toEqual({ hashes: [], complete: true });
    expect(stats.calls).toBe(9);
    expect(stats.maxInFlight).toBe(SURVEY_PARALLELISM);
  });

  it(`tries ${CHUNK_WRITE_ATTEMPTS} owners for a write, then answers unavailable`, async () => {
    await createRing("lim2", 4);
    const { fake, stats } = fakeNodes(() => "throw");
    await expect(putChunk(fake, "lim2", bytesOf(10))).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(stats.writes).toBe(CHUNK_WRITE_ATTEMPTS);
  });

  it("answers a read: 503 when holders are silent, 500 when every copy is damaged, else 404", async () => {
    await createRing("lim3", 5);
    const hash = await chunkDigest(bytesOf(10, 1));
    const read = (behaviour: (addr: string) => Behaviour) =>
      getChunk(fakeNodes(behaviour).fake, "lim3", hash);
    await expect(read(() => "throw")).rejects.toMatchObject({ kind: "unavailable" });
    // One holder has nothing, the others are silent: it may be on them.
    let first = "";
    const mixed = (addr: string): Behaviour => {
      first ||= addr;
      return addr === first ? "none" : "throw";
    };
    await expect(read(mixed)).rejects.toMatchObject({ kind: "unavailable" });
    await expect(read(() => "damaged")).rejects.toMatchObject({ kind: "internal" });
    await expect(read(() => "none")).rejects.toMatchObject({ kind: "not-found" });
  });

  it("looks a chunk up through the overlay only when every holder has none, and verifies it", async () => {
    await createRing("lim4", 5);
    const bytes = bytesOf(10, 1);
    const hash = await chunkDigest(bytes);
    const elsewhere = fakeNodes(() => "none", bytes);
    expect(await getChunk(elsewhere.fake, "lim4", hash)).toEqual(bytes);
    expect(elsewhere.stats.lookups).toBe(1);
    const wrong = fakeNodes(() => "none", bytesOf(10, 2));
    await expect(getChunk(wrong.fake, "lim4", hash)).rejects.toMatchObject({ kind: "not-found" });
    const silent = fakeNodes(() => "throw", bytes);
    await expect(getChunk(silent.fake, "lim4", hash)).rejects.toMatchObject({
      kind: "unavailable",
    });
    expect(silent.stats.lookups).toBe(0);
  });
});
