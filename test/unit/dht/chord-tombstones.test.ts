import { describe, expect, it } from "vitest";
import { type ChordConfig, DEFAULT_CHORD_CONFIG } from "../../../shared/dht/chord/types";
import { chordId } from "../../../shared/dht/ring-id";
import { ChordSim } from "../../../shared/dht/sim/chord-sim";
import { Rng } from "../../../shared/rng";

const GRACE = 40_000;
const config: ChordConfig = {
  ...DEFAULT_CHORD_CONFIG,
  successorListLength: 4,
  replicas: 3,
  tombstoneGrace: GRACE,
};
const KEY = "photo/1";

/** A converged 12-node ring holding KEY = "old" on its owner and two replicas. */
function ringWithKey(seed: number): { sim: ChordSim; owner: string } {
  const addrs = Array.from({ length: 12 }, (_, i) => `t${seed}-${i}`);
  const sim = ChordSim.converged(new Rng(seed), config, addrs);
  sim.runFor(3_000);
  expect(sim.put(addrs[0] as string, KEY, "old").ok).toBe(true);
  sim.runFor(1_000);
  return { sim, owner: sim.owner(chordId(KEY)).addr };
}

/** What each live node holds for KEY: its value, "tombstone", or nothing. */
function holdings(sim: ChordSim): Map<string, string> {
  const out = new Map<string, string>();
  for (const [addr, node] of sim.nodes) {
    const record = node.store.get(KEY);
    if (record) out.set(addr, String(record.value ?? "tombstone"));
  }
  return out;
}

function readEverywhere(sim: ChordSim): (string | Uint8Array | null)[] {
  return [...sim.nodes.keys()].map((addr) => sim.get(addr, KEY).record?.value ?? null);
}

describe("a deleted Chord key stays deleted", () => {
  it("when its owner was partitioned during the delete and comes back as owner", () => {
    const { sim, owner } = ringWithKey(61);
    sim.partition(owner);
    sim.runFor(5_000);
    const other = [...sim.nodes.keys()][0] as string;
    expect(sim.delete(other, KEY).ok).toBe(true);
    sim.heal(owner);
    sim.runFor(10_000);
    expect(sim.owner(chordId(KEY)).addr).toBe(owner);
    expect(holdings(sim).get(owner)).toBe("tombstone");
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });

  it("when a replica that missed it comes back and later becomes the owner", () => {
    const { sim, owner } = ringWithKey(62);
    const replica = (sim.node(owner).successors[0] as { addr: string }).addr;
    sim.partition(replica);
    sim.runFor(5_000);
    expect(sim.delete(owner, KEY).ok).toBe(true);
    sim.heal(replica);
    sim.runFor(10_000);
    sim.fail(owner);
    sim.runFor(10_000);
    expect(sim.owner(chordId(KEY)).addr).toBe(replica);
    expect([...holdings(sim).values()].filter((v) => v !== "tombstone")).toEqual([]);
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });

  it("while a put after the delete wins over the tombstone, even in the same tick", () => {
    const { sim, owner } = ringWithKey(63);
    sim.partition(owner);
    sim.runFor(5_000);
    const other = [...sim.nodes.keys()][0] as string;
    sim.delete(other, KEY);
    expect(sim.get(other, KEY).record).toBeNull();
    const now = sim.net.now;
    expect(sim.put(other, KEY, "new").ok).toBe(true);
    sim.heal(owner);
    sim.runFor(10_000);
    expect(sim.net.now).toBeGreaterThan(now);
    expect(new Set(readEverywhere(sim))).toEqual(new Set(["new"]));
    expect(sim.node(owner).store.get(KEY)?.value).toBe("new");
  });

  it("and its tombstones are dropped everywhere after the grace period, not before", () => {
    const { sim, owner } = ringWithKey(64);
    sim.delete(owner, KEY);
    sim.runFor(GRACE / 2);
    const held = holdings(sim);
    expect(held.size).toBeGreaterThanOrEqual(config.replicas);
    expect(new Set(held.values())).toEqual(new Set(["tombstone"]));
    sim.runFor(GRACE);
    expect(holdings(sim).size).toBe(0);
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });
});
