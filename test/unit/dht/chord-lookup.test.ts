import { describe, expect, it } from "vitest";
import { DEFAULT_CHORD_CONFIG } from "../../../shared/dht/chord/types";
import { chordId } from "../../../shared/dht/ring-id";
import { ChordSim } from "../../../shared/dht/sim/chord-sim";
import { Rng } from "../../../shared/sim/rng";

const config = { ...DEFAULT_CHORD_CONFIG, maintenanceEvery: 0 };

describe("Chord lookups on converged rings", () => {
  it("find the brute-force successor of random keys on random rings of 1 to 300 nodes", () => {
    const rng = new Rng(31);
    for (let trial = 0; trial < 12; trial++) {
      const size = trial === 0 ? 1 : 1 + rng.int(300);
      const addrs = Array.from({ length: size }, (_, i) => `t${trial}-n${i}`);
      const sim = ChordSim.converged(rng.fork(), config, addrs);
      const ring = sim.ring();
      for (let i = 0; i < 100; i++) {
        const target = chordId(`t${trial}-key-${i}`);
        const done = sim.lookup(rng.pick(addrs), target);
        expect(done.ok).toBe(true);
        expect(done.node?.addr).toBe(sim.owner(target, ring).addr);
        expect(done.hops).toBeLessThanOrEqual(Math.ceil(Math.log2(size)) + 1);
      }
    }
  });

  it("answer a key equal to a node's identifier with that node", () => {
    const addrs = Array.from({ length: 50 }, (_, i) => `eq-${i}`);
    const sim = ChordSim.converged(new Rng(32), config, addrs);
    for (const node of sim.ring()) {
      expect(sim.lookup("eq-0", node.id).node?.addr).toBe(node.addr);
    }
  });

  it("route around crashed nodes through the successor list", () => {
    const addrs = Array.from({ length: 200 }, (_, i) => `fail-${i}`);
    const sim = ChordSim.converged(new Rng(33), config, addrs);
    const rng = new Rng(34);
    const crashed = new Set<string>();
    while (crashed.size < 40) crashed.add(rng.pick(addrs.slice(1)));
    for (const addr of crashed) sim.fail(addr);
    const ring = sim.ring();
    let timeouts = 0;
    for (let i = 0; i < 200; i++) {
      const target = chordId(`fail-key-${i}`);
      const done = sim.get("fail-0", `fail-key-${i}`);
      expect(done.ok).toBe(true);
      expect(done.node?.addr).toBe(sim.owner(target, ring).addr);
      timeouts += done.timeouts;
    }
    expect(timeouts).toBeGreaterThan(0);
  });
});
