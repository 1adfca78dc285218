import { describe, expect, it } from "vitest";
import { kademliaConfig } from "../../../shared/dht/kademlia/types";
import { KademliaSim } from "../../../shared/dht/sim/kademlia-sim";
import { kadId } from "../../../shared/dht/xor-id";
import { Rng } from "../../../shared/rng";

function addrsOf(closest: { addr: string }[] | undefined): string[] {
  return (closest ?? []).map((c) => c.addr);
}

describe("Kademlia lookups", () => {
  it("find exactly the brute-force k closest nodes on random converged networks", () => {
    const rng = new Rng(61);
    for (let trial = 0; trial < 6; trial++) {
      const size = 2 + rng.int(400);
      const config = { ...kademliaConfig(size), maintenanceEvery: 0 };
      const addrs = Array.from({ length: size }, (_, i) => `t${trial}-${i}`);
      const sim = KademliaSim.converged(rng.fork(), config, addrs);
      for (let i = 0; i < 40; i++) {
        const target = kadId(`t${trial}-key-${i}`);
        const done = sim.findNode(rng.pick(addrs), target);
        expect(addrsOf(done.closest)).toEqual(addrsOf(sim.closestLive(target, config.k)));
      }
    }
  });

  it("find the k closest on a network grown by joins alone", () => {
    const config = { ...kademliaConfig(48), maintenanceEvery: 0 };
    const sim = new KademliaSim(new Rng(62), config);
    sim.create("j0");
    for (let i = 1; i < 48; i++) expect(sim.join(`j${i}`, `j${i >> 2}`).ok).toBe(true);
    const rng = new Rng(63);
    for (let i = 0; i < 60; i++) {
      const target = kadId(`grown-${i}`);
      const done = sim.findNode(`j${rng.int(48)}`, target);
      expect(addrsOf(done.closest)).toEqual(addrsOf(sim.closestLive(target, config.k)));
    }
  });

  it("store a value on the k closest nodes and read it back from anywhere", () => {
    const config = { ...kademliaConfig(300), maintenanceEvery: 0 };
    const addrs = Array.from({ length: 300 }, (_, i) => `s${i}`);
    const sim = KademliaSim.converged(new Rng(64), config, addrs);
    const rng = new Rng(65);
    for (let i = 0; i < 30; i++) {
      const put = sim.put(rng.pick(addrs), `key-${i}`, `value-${i}`);
      expect(put.stored).toBe(config.k);
      for (const c of sim.closestLive(kadId(`key-${i}`), config.k)) {
        expect(sim.node(c.addr).store.get(`key-${i}`)?.value).toBe(`value-${i}`);
      }
      const got = sim.get(rng.pick(addrs), `key-${i}`);
      expect(got.value).toBe(`value-${i}`);
      expect(got.contacted).toBeLessThan(config.k);
    }
  });

  it("still read every value after a fifth of the nodes crash at once", () => {
    const config = { ...kademliaConfig(200), maintenanceEvery: 0 };
    const addrs = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const sim = KademliaSim.converged(new Rng(66), config, addrs);
    for (let i = 0; i < 50; i++) sim.put("c0", `key-${i}`, `value-${i}`);
    const rng = new Rng(67);
    const crashed = new Set<string>();
    while (crashed.size < 40) crashed.add(rng.pick(addrs.slice(1)));
    for (const addr of crashed) sim.fail(addr);
    const live = addrs.filter((a) => !crashed.has(a));
    for (let i = 0; i < 50; i++)
      expect(sim.get(rng.pick(live), `key-${i}`).value).toBe(`value-${i}`);
  });

  it("republishes so values survive churn, and expires them once their publisher is gone", () => {
    const base = kademliaConfig(40);
    const config = {
      ...base,
      maintenanceEvery: 1_000,
      refreshAfter: 20_000,
      republishEvery: 5_000,
      expireAfter: 60_000,
    };
    const addrs = Array.from({ length: 40 }, (_, i) => `r${i}`);
    const sim = KademliaSim.converged(new Rng(68), config, addrs);
    for (let i = 0; i < 20; i++) sim.put("r0", `key-${i}`, `value-${i}`);
    const rng = new Rng(69);
    let next = 40;
    for (let round = 0; round < 12; round++) {
      const victims = [...sim.nodes.keys()].filter((a) => a !== "r0");
      sim.fail(rng.pick(victims));
      sim.join(`r${next++}`, "r0");
      sim.runFor(6_000);
    }
    const live = [...sim.nodes.keys()];
    for (let i = 0; i < 20; i++) {
      expect(sim.get(rng.pick(live), `key-${i}`).value).toBe(`value-${i}`);
      const holders = sim.closestLive(kadId(`key-${i}`), config.k);
      expect(holders.filter((c) => sim.node(c.addr).store.get(`key-${i}`)).length).toBe(config.k);
    }
    sim.fail("r0");
    sim.runFor(config.expireAfter + 2 * config.maintenanceEvery);
    let held = 0;
    for (const node of sim.nodes.values()) held += node.store.size();
    expect(held).toBe(0);
  });
});
