import { describe, expect, it } from "vitest";
import { idealState, sortRing } from "../../../shared/dht/chord/ideal";
import { ChordRouting } from "../../../shared/dht/chord/routing";
import { type ChordRef, DEFAULT_CHORD_CONFIG } from "../../../shared/dht/chord/types";
import { chordId, inOpen, ringDistance } from "../../../shared/dht/ring-id";
import { ChordSim } from "../../../shared/dht/sim/chord-sim";
import { Rng } from "../../../shared/rng";

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

  it("take the paper's path: a successor list of 8 shortens no lookup routed by fingers alone", () => {
    const addrs = Array.from({ length: 256 }, (_, i) => `path-${i}`);
    const fingersOnly = ChordSim.converged(
      new Rng(35),
      { ...config, successorListLength: 1 },
      addrs,
    );
    const withList = ChordSim.converged(new Rng(35), config, addrs);
    const rng = new Rng(36);
    let total = 0;
    for (let i = 0; i < 300; i++) {
      const from = rng.pick(addrs);
      const target = chordId(`path-key-${i}`);
      const hops = fingersOnly.lookup(from, target).hops;
      expect(withList.lookup(from, target).hops).toBe(hops);
      total += hops;
    }
    // ½·log2 256 = 4: the paper's mean path length, which successor-list shortcuts undercut.
    expect(Math.abs(total / 300 - 4)).toBeLessThanOrEqual(0.3);
  });

  it("offer the closest preceding finger first and successor-list entries only after every finger", () => {
    const ring = sortRing(
      Array.from({ length: 200 }, (_, i) => ({ id: chordId(`cpf-${i}`), addr: `cpf-${i}` })),
    );
    const rng = new Rng(37);
    for (let trial = 0; trial < 200; trial++) {
      const index = rng.int(ring.length);
      const state = idealState(ring, index, 8);
      const routing = new ChordRouting(state, 8);
      const target = chordId(`cpf-key-${trial}`);
      const candidates = routing.closestPreceding(target);
      const fingers = state.fingers.filter(
        (f): f is ChordRef => f !== null && inOpen(f.id, state.self.id, target),
      );
      if (fingers.length === 0) continue;
      const closest = fingers.reduce((a, b) =>
        ringDistance(b.id, target) < ringDistance(a.id, target) ? b : a,
      );
      expect(candidates[0]?.addr).toBe(closest.addr);
      const isFinger = candidates.map((c) => fingers.some((f) => f.addr === c.addr));
      const firstFallback = isFinger.indexOf(false);
      if (firstFallback >= 0) expect(isFinger.slice(firstFallback)).not.toContain(true);
    }
  });

  it("fall back on successor-list entries when every finger of the starting node has crashed", () => {
    const addrs = Array.from({ length: 100 }, (_, i) => `fb-${i}`);
    const sim = ChordSim.converged(new Rng(38), config, addrs);
    const start = sim.node("fb-0");
    const fingers = new Set(start.fingers.flatMap((f) => (f ? [f.addr] : [])));
    const spares = start.successors.filter((s) => !fingers.has(s.addr));
    expect(spares.length).toBeGreaterThan(0);
    for (const addr of fingers) sim.fail(addr);
    const ring = sim.ring();
    let timeouts = 0;
    for (let i = 0; i < 50; i++) {
      const target = chordId(`fb-key-${i}`);
      const done = sim.get("fb-0", `fb-key-${i}`);
      expect(done.ok).toBe(true);
      expect(done.node?.addr).toBe(sim.owner(target, ring).addr);
      timeouts += done.timeouts;
    }
    expect(timeouts).toBeGreaterThan(0);
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
