import { describe, expect, it } from "vitest";
import { ChordNode } from "../../../shared/dht/chord/node";
import { type ChordRecord, DEFAULT_CHORD_CONFIG } from "../../../shared/dht/chord/types";
import { chunkKey } from "../../../shared/dht/chunk-key";
import { eachHead, HEAD_PAGE, MemoryKeyStore } from "../../../shared/dht/key-store";
import { chordId } from "../../../shared/dht/ring-id";

/** A store that counts the values it hands out and the size of the pages it reads. */
class CountingStore extends MemoryKeyStore<ChordRecord> {
  valuesLoaded = 0;
  largestPage = 0;

  override get(key: string): ChordRecord | undefined {
    const record = super.get(key);
    if (record?.value instanceof Uint8Array) this.valuesLoaded++;
    return record;
  }

  override heads(after: string | undefined, limit: number) {
    this.largestPage = Math.max(this.largestPage, limit);
    return super.heads(after, limit);
  }
}

const hashOf = (i: number) => i.toString(16).padStart(64, "0");

describe("maintenance reads records' heads, not their values", () => {
  it("walks every record once, in key order, a bounded page at a time, deletes included", () => {
    const store = new CountingStore();
    const keys = Array.from({ length: 2 * HEAD_PAGE + 7 }, (_, i) => chunkKey(hashOf(i)));
    for (const key of keys)
      store.put({ key, id: chordId(key), value: new Uint8Array(4), stamp: 1 });
    const seen: string[] = [];
    for (const head of eachHead(store)) {
      seen.push(head.key);
      store.delete(head.key);
    }
    expect(seen).toEqual([...keys].sort());
    expect(store.size()).toBe(0);
    expect(store.valuesLoaded).toBe(0);
    expect(store.largestPage).toBe(HEAD_PAGE);
  });

  it("a Chord node's rounds and tombstone purge load no chunk held", () => {
    const store = new CountingStore();
    const self = { id: chordId("solo"), addr: "solo" };
    const node = new ChordNode(self, { ...DEFAULT_CHORD_CONFIG, tombstoneGrace: 10 }, store);
    for (let i = 0; i < 40; i++) node.put(chunkKey(hashOf(i)), new Uint8Array(1024), 1);
    node.delete(chunkKey(hashOf(0)), 2);
    store.valuesLoaded = 0;
    for (let now = 1_000; now <= 5_000; now += 1_000) node.tick(now);
    expect(store.valuesLoaded).toBe(0);
    expect(store.get(chunkKey(hashOf(0)))).toBeUndefined();
    expect(store.valuesLoaded).toBe(0);
    expect(store.size()).toBe(39);
  });
});
