/**
 * Chunks (bytes under reserved keys) in simulated rings whose directory runs the production
 * membership and repair code: seeded joins, leaves and failures leave every chunk on the
 * nodes that should hold it, with its bytes intact, as they do keys; a put of bytes held
 * already writes nothing; a damaged copy does not spread through pushes; and a reader's
 * repair mends one node's copy.
 */
import { describe, expect, it } from "vitest";
import { chunkKey, equalBytes, MAX_CHUNK_BYTES } from "../../../shared/dht/chunk-key";
import { RECORD_BATCH_BYTES, valueWeight } from "../../../shared/dht/record-batches";
import { sha256Hex } from "../../../shared/dht/sha256";
import { chordDirectory, kademliaDirectory } from "../../../shared/dht/sim/directory-sim";
import { Rng } from "../../../shared/rng";
import { bytesFor, churn, unreadKeys, untilQuiet } from "./ring-harness";

const seeds = (count: number, from: number) => Array.from({ length: count }, (_, i) => from + i);

describe("chunks through seeded churn (production directory code)", () => {
  it.each([
    ["chord", 12],
    ["kademlia", 6],
  ] as const)("every %s chunk keeps its copies, bytes intact, through joins, leaves and failures", (overlay, runs) => {
    for (const seed of seeds(runs, 2000)) {
      const run = churn(seed, {
        overlay,
        nodes: 6 + (seed % 6),
        replication: 3,
        virtualNodes: 1 + (seed % 2),
        keys: 10,
        chunks: 20,
        changes: 8,
      });
      for (const { change, short } of run.changes) {
        expect(short, `seed ${seed}, after ${change}`).toEqual([]);
      }
      expect(run.changes.some((c) => c.change.startsWith("fail"))).toBe(true);
      untilQuiet(run.ring);
      expect(unreadKeys(run.ring, run.directory, run.keys, new Rng(seed)), `${seed}`).toEqual([]);
    }
  });
});

const SPEC = { name: "c", overlay: "chord", nodes: 6, replication: 3, virtualNodes: 1 } as const;
const KEY = chunkKey("ab".repeat(32));

function ringWithChunk() {
  const { ring, directory } = chordDirectory(new Rng(7), SPEC);
  expect(ring.put("c/n0", KEY, bytesFor(KEY)).ok).toBe(true);
  untilQuiet(ring);
  const holders = ring.replicaSet(KEY, 3).map((m) => ring.node(m.addr));
  return { ring, directory, holders };
}

describe("a chunk on a Chord ring", () => {
  it("is not written again when the same bytes are put twice", () => {
    const { ring, holders } = ringWithChunk();
    const stamp = holders[0]?.store.get(KEY)?.stamp;
    const sent = ring.net.sent;
    const again = ring.put(holders[0]?.self.addr as string, KEY, bytesFor(KEY));
    expect(again.present).toBe(true);
    expect(ring.net.sent).toBe(sent);
    expect(holders.map((h) => h.store.get(KEY)?.stamp)).toEqual([stamp, stamp, stamp]);
  });

  it("keeps a damaged copy where it is: pushes of one write never replace held bytes", () => {
    const { ring, directory, holders } = ringWithChunk();
    const [owner, second, third] = holders;
    const record = owner?.store.get(KEY);
    if (!owner || !second || !third || !record) throw new Error("chunk not placed");
    const damaged = bytesFor(KEY).slice();
    damaged[0] = (damaged[0] as number) ^ 0xff;
    owner.store.put({ ...record, value: damaged });
    // The third holder fails: the owner pushes its (damaged) copy to the new third holder
    // and to the second, which keeps its own good bytes.
    expect(directory.remove(third.self.addr.split("/")[1] as string, "fail").ok).toBe(true);
    untilQuiet(ring);
    const good = second.store.get(KEY)?.value;
    expect(good instanceof Uint8Array && equalBytes(good, bytesFor(KEY))).toBe(true);
    // A reader that verified the second copy mends the owner's.
    ring.net.apply(
      owner.self.addr,
      owner.restoreCopy(KEY, bytesFor(KEY), record.stamp, ring.net.now),
    );
    const mended = owner.store.get(KEY)?.value;
    expect(mended instanceof Uint8Array && equalBytes(mended, bytesFor(KEY))).toBe(true);
  });

  it("does not bring back a deleted chunk's bytes when a repair comes late", () => {
    const { ring, holders } = ringWithChunk();
    const stamp = holders[0]?.store.get(KEY)?.stamp as number;
    expect(ring.delete("c/n0", KEY).ok).toBe(true);
    const owner = holders[0];
    if (!owner) throw new Error("no owner");
    owner.restoreCopy(KEY, bytesFor(KEY), stamp, ring.net.now);
    expect(owner.store.get(KEY)?.value).toBeNull();
  });
});

describe("1 MiB chunks moving between Chord nodes", () => {
  it(`travel in messages of at most ${RECORD_BATCH_BYTES} bytes of values, and all arrive`, () => {
    const spec = { ...SPEC, nodes: 5 } as const;
    const { ring, directory } = chordDirectory(new Rng(11), spec);
    const keys = Array.from({ length: 24 }, (_, i) => chunkKey(sha256Hex(`big-${i}`)));
    const big = (key: string) => new Uint8Array(MAX_CHUNK_BYTES).fill(key.charCodeAt(10));
    for (const key of keys) expect(ring.put("c/n0", key, big(key)).ok).toBe(true);
    let heaviest = 0;
    let pushes = 0;
    for (const node of ring.nodes.values()) {
      const handle = node.handle.bind(node);
      node.handle = (env, now) => {
        if (env.type === "request" && env.body.kind === "records") {
          pushes++;
          const weight = env.body.records.reduce((sum, r) => sum + valueWeight(r.value), 0);
          heaviest = Math.max(heaviest, weight);
        }
        return handle(env, now);
      };
    }
    // The leaver hands everything it holds (over 8 MiB) to its successor, then a node
    // fails and the ring copies its chunks again.
    expect(directory.remove("n1", "leave").ok).toBe(true);
    expect(directory.remove("n2", "fail").ok).toBe(true);
    untilQuiet(ring);
    expect(pushes).toBeGreaterThan(0);
    expect(heaviest).toBeGreaterThan(MAX_CHUNK_BYTES);
    expect(heaviest).toBeLessThanOrEqual(RECORD_BATCH_BYTES);
    for (const key of keys) {
      for (const m of ring.replicaSet(key, 3)) {
        const held = ring.node(m.addr).store.get(key)?.value;
        expect(held instanceof Uint8Array && equalBytes(held, big(key)), key).toBe(true);
      }
    }
  });
});

describe("a chunk on a Kademlia ring", () => {
  it("is not written again when its holder is asked to put the same bytes", () => {
    const spec = { ...SPEC, overlay: "kademlia" } as const;
    const { ring } = kademliaDirectory(new Rng(3), spec);
    expect(ring.put("c/n0", KEY, bytesFor(KEY)).ok).toBe(true);
    const first = [...ring.nodes.values()].find((n) => n.holds(KEY));
    if (!first) throw new Error("chunk not placed");
    const sent = ring.net.sent;
    expect(ring.put(first.self.addr, KEY, bytesFor(KEY)).present).toBe(true);
    expect(ring.net.sent).toBe(sent);
  });
});
