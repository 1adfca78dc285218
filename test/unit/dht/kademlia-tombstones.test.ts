import { describe, expect, it } from "vitest";
import { type KadConfig, kademliaConfig } from "../../../shared/dht/kademlia/types";
import { KademliaSim } from "../../../shared/dht/sim/kademlia-sim";
import { kadId } from "../../../shared/dht/xor-id";
import { Rng } from "../../../shared/rng";

const GRACE = 200_000;
/** k = 4 on 32 nodes; republish every 20 000 ticks, maintenance every 5 000, no refreshes. */
const config: KadConfig = {
  ...kademliaConfig(32),
  maintenanceEvery: 5_000,
  republishEvery: 20_000,
  refreshAfter: 1e12,
  expireAfter: 1e9,
  tombstoneGrace: GRACE,
};
const KEY = "doc/7";
const ID = kadId(KEY);
/** Long enough for every holder to republish (interval plus jitter) twice. */
const REPUBLISH_ROUNDS = 3 * config.republishEvery;

function networkWithKey(seed: number): { sim: KademliaSim; holders: string[] } {
  const addrs = Array.from({ length: 32 }, (_, i) => `k${seed}-${i}`);
  const sim = KademliaSim.converged(new Rng(seed), config, addrs);
  expect(sim.put(addrs[0] as string, KEY, "old").ok).toBe(true);
  return { sim, holders: sim.closestLive(ID, config.k).map((c) => c.addr) };
}

/** What each live node holds for KEY: its value, "tombstone", or nothing. */
function holdings(sim: KademliaSim): Map<string, string> {
  const out = new Map<string, string>();
  for (const [addr, node] of sim.nodes) {
    const record = node.store.get(KEY);
    if (record) out.set(addr, String(record.value ?? "tombstone"));
  }
  return out;
}

function readEverywhere(sim: KademliaSim): (string | Uint8Array | null)[] {
  return [...sim.nodes.keys()].map((addr) => sim.get(addr, KEY).value ?? null);
}

/** Names whose ids are closer to KEY than every node of `holders`. */
function closerNames(holders: string[], count: number, sim: KademliaSim): string[] {
  const farthest = kadId(holders.at(-1) as string) ^ ID;
  const nearest = kadId(holders[0] as string) ^ ID;
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    const d = kadId(`joiner-${i}`) ^ ID;
    if (d < nearest && d < farthest && !sim.nodes.has(`joiner-${i}`)) names.push(`joiner-${i}`);
  }
  return names;
}

describe("a deleted Kademlia key stays deleted", () => {
  it("when one of its k holders was partitioned during the delete and comes back", () => {
    const { sim, holders } = networkWithKey(71);
    const missed = holders[0] as string;
    sim.partition(missed);
    const other = holders[1] as string;
    expect(sim.delete(other, KEY).ok).toBe(true);
    sim.heal(missed);
    sim.runFor(REPUBLISH_ROUNDS);
    expect(holdings(sim).get(missed)).toBe("tombstone");
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });

  it("when a holder pushed out of the k closest by joins still has an old copy", () => {
    const { sim, holders } = networkWithKey(72);
    for (const name of closerNames(holders, config.k, sim)) {
      expect(sim.join(name, holders[0] as string).ok).toBe(true);
      sim.runFor(100);
    }
    const now = sim.closestLive(ID, config.k).map((c) => c.addr);
    const pushedOut = holders.filter((h) => !now.includes(h));
    expect(pushedOut.length).toBeGreaterThan(0);
    expect(pushedOut.map((h) => sim.node(h).store.get(KEY)?.value)).toContain("old");
    expect(sim.delete(now[0] as string, KEY).ok).toBe(true);
    sim.runFor(REPUBLISH_ROUNDS);
    const held = holdings(sim);
    expect(pushedOut.map((h) => held.get(h))).toEqual(pushedOut.map(() => "tombstone"));
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });

  it("while a put after the delete wins over the tombstone, even in the same tick", () => {
    const { sim, holders } = networkWithKey(73);
    const missed = holders[0] as string;
    sim.partition(missed);
    const other = holders[1] as string;
    sim.delete(other, KEY);
    expect(sim.get(other, KEY).value).toBeUndefined();
    expect(sim.put(other, KEY, "new").ok).toBe(true);
    sim.heal(missed);
    sim.runFor(REPUBLISH_ROUNDS);
    expect(sim.node(missed).store.get(KEY)?.value).toBe("new");
    expect(new Set(readEverywhere(sim))).toEqual(new Set(["new"]));
  });

  it("and its tombstones are dropped everywhere after the grace period, not before", () => {
    const { sim, holders } = networkWithKey(74);
    sim.delete(holders[1] as string, KEY);
    sim.runFor(GRACE / 2);
    const held = holdings(sim);
    expect(held.size).toBeGreaterThanOrEqual(config.k);
    expect(new Set(held.values())).toEqual(new Set(["tombstone"]));
    sim.runFor(GRACE);
    expect(holdings(sim).size).toBe(0);
    expect(readEverywhere(sim).filter((v) => v !== null)).toEqual([]);
  });
});
