import { describe, expect, it } from "vitest";
import { chunkCensus } from "../../../shared/dht/chunk-census";
import {
  CHUNK_KEY_PREFIX,
  chunkDigest,
  chunkHashOf,
  chunkKey,
  isReservedKey,
  MAX_CHUNK_BYTES,
} from "../../../shared/dht/chunk-key";
import { MembershipView } from "../../../shared/dht/membership-view";
import { batchBySize, RECORD_BATCH_BYTES, valueWeight } from "../../../shared/dht/record-batches";
import { newRingRecord, snapshotOf } from "../../../shared/dht/ring-membership";
import { sha256Hex } from "../../../shared/dht/sha256";
import { sameWrite, supersedes } from "../../../shared/dht/write-stamp";

const HASH = sha256Hex("hello");

describe("chunk keys", () => {
  it("are 1 MiB at most, and live in the reserved namespace user keys may not take", () => {
    expect(MAX_CHUNK_BYTES).toBe(1_048_576);
    expect(isReservedKey(chunkKey(HASH))).toBe(true);
    expect(CHUNK_KEY_PREFIX.charCodeAt(0)).toBeLessThan(0x20);
    for (const key of ["\u0000x", "\u001fx", "\nx"]) expect(isReservedKey(key)).toBe(true);
    for (const key of ["chunk/x", " x", "héllo", `x${CHUNK_KEY_PREFIX}`]) {
      expect(isReservedKey(key)).toBe(false);
    }
    expect(chunkHashOf(chunkKey(HASH))).toBe(HASH);
    expect(chunkHashOf(HASH)).toBeUndefined();
    expect(chunkHashOf(chunkKey("AB".repeat(32)))).toBeUndefined();
  });

  it("are named by the platform's SHA-256 as lowercase hex", async () => {
    const bytes = new TextEncoder().encode("hello");
    expect(await chunkDigest(bytes)).toBe(HASH);
    expect(await chunkDigest(new Uint8Array(0))).toBe(sha256Hex(""));
  });
});

describe("writes of bytes", () => {
  const a = { stamp: 5, value: new Uint8Array([1, 2]) };
  const damaged = { stamp: 5, value: new Uint8Array([9, 2]) };

  it("of one stamp are one write whatever the bytes: neither replaces the other", () => {
    expect(supersedes(a, damaged)).toBe(false);
    expect(supersedes(damaged, a)).toBe(false);
    expect(sameWrite(a, damaged)).toBe(true);
  });

  it("are ordered by stamp, and a tombstone of the same stamp wins", () => {
    expect(supersedes({ stamp: 6, value: null }, a)).toBe(true);
    expect(supersedes({ stamp: 5, value: null }, a)).toBe(true);
    expect(supersedes(a, { stamp: 5, value: null })).toBe(false);
    expect(supersedes({ stamp: 6, value: new Uint8Array() }, a)).toBe(true);
    // Text keeps its order: the larger value of one stamp.
    expect(supersedes({ stamp: 1, value: "b" }, { stamp: 1, value: "a" })).toBe(true);
    expect(supersedes({ stamp: 1, value: "a" }, { stamp: 1, value: "a" })).toBe(false);
  });
});

describe("pushed records", () => {
  it(`go in batches of at most ${RECORD_BATCH_BYTES} value bytes, a larger record alone`, () => {
    expect(RECORD_BATCH_BYTES).toBe(8 * 1_048_576);
    const mib = (key: string) => ({ key, value: new Uint8Array(MAX_CHUNK_BYTES) });
    const records = Array.from({ length: 20 }, (_, i) => mib(`c${i}`));
    const batches = batchBySize(records);
    expect(batches.map((b) => b.length)).toEqual([8, 8, 4]);
    expect(batches.flat()).toEqual(records);
    for (const batch of batches) {
      expect(batch.reduce((sum, r) => sum + valueWeight(r.value), 0)).toBeLessThanOrEqual(
        RECORD_BATCH_BYTES,
      );
    }
    expect(batchBySize([{ value: "x".repeat(10) }, { value: null }], 4)).toHaveLength(2);
    expect(batchBySize([])).toEqual([]);
  });
});

describe("the chunk census", () => {
  const record = newRingRecord({
    name: "c",
    overlay: "chord",
    nodes: 5,
    replication: 3,
    virtualNodes: 1,
  });
  const view = new MembershipView(snapshotOf(record));
  const holders = view.holdersOf(chunkKey(HASH), 3).map((m) => m.addr);
  const others = view.snapshot.members.map((m) => m.addr).filter((a) => !holders.includes(a));

  it("names each chunk's holders: its owner and the next r − 1 members", () => {
    expect(holders).toHaveLength(3);
    expect(holders[0]).toBe(view.ownerOf(chunkKey(HASH))?.addr);
    expect(new Set(holders).size).toBe(3);
  });

  it("counts copies on the holders, and forgets a deleted chunk's copy left elsewhere", () => {
    const report = (addrs: string[], field: "held" | "deleted") =>
      addrs.map((addr) => ({ addr, held: [], deleted: [], [field]: [HASH] }));
    const full = chunkCensus(view, report(holders, "held"));
    expect(full).toEqual({ hashes: [HASH], underReplicated: 0 });
    const two = chunkCensus(view, report(holders.slice(0, 2), "held"));
    expect(two).toEqual({ hashes: [HASH], underReplicated: 1 });
    const strayOnly = chunkCensus(view, report(others.slice(0, 1), "held"));
    expect(strayOnly).toEqual({ hashes: [HASH], underReplicated: 1 });
    const deleted = chunkCensus(view, [
      ...report(holders, "deleted"),
      ...report(others.slice(0, 1), "held"),
    ]);
    expect(deleted).toEqual({ hashes: [], underReplicated: 0 });
  });
});
