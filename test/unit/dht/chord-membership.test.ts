import { describe, expect, it } from "vitest";
import { idealState } from "../../../shared/dht/chord/ideal";
import { type ChordConfig, DEFAULT_CHORD_CONFIG } from "../../../shared/dht/chord/types";
import { chordId } from "../../../shared/dht/ring-id";
import { ChordSim } from "../../../shared/dht/sim/chord-sim";
import { Rng } from "../../../shared/rng";

const config: ChordConfig = {
  ...DEFAULT_CHORD_CONFIG,
  successorListLength: 4,
  replicas: 3,
  fingersPerRound: 16,
};

/** Builds a ring through the protocol: create, then joins with a little time between. */
function grow(seed: number, size: number, cfg = config): ChordSim {
  const sim = new ChordSim(new Rng(seed), cfg);
  sim.create("m0");
  for (let i = 1; i < size; i++) {
    expect(sim.join(`m${i}`, `m${i >> 1}`).ok).toBe(true);
    sim.runFor(300);
  }
  return sim;
}

function expectConvergedRing(sim: ChordSim): void {
  const ring = sim.ring();
  ring.forEach((ref, i) => {
    const ideal = idealState(ring, i, sim.config.successorListLength);
    const node = sim.node(ref.addr);
    expect(node.predecessor?.addr).toBe(ideal.predecessor?.addr);
    expect(node.successors.map((n) => n.addr)).toEqual(ideal.successors.map((n) => n.addr));
  });
}

function copiesOf(sim: ChordSim, key: string): number {
  let copies = 0;
  for (const node of sim.nodes.values()) if (node.store.get(key)) copies++;
  return copies;
}

describe("Chord membership through the protocol", () => {
  it("join, stabilize and notify converge to the sorted successor/predecessor ring", () => {
    const sim = grow(41, 40);
    sim.runFor(30_000);
    expectConvergedRing(sim);
  });

  it("fix_fingers converges every finger to the successor of its start", () => {
    const sim = grow(42, 24);
    sim.runFor(60_000);
    const ring = sim.ring();
    ring.forEach((ref, i) => {
      const ideal = idealState(ring, i, config.successorListLength);
      expect(sim.node(ref.addr).fingers.map((f) => f?.addr)).toEqual(
        ideal.fingers.map((f) => f?.addr),
      );
    });
  });

  it("moves a key to a joining node that becomes its successor", () => {
    const sim = grow(43, 8);
    sim.runFor(20_000);
    const keys = Array.from({ length: 200 }, (_, i) => `move-${i}`);
    for (const key of keys) expect(sim.put("m0", key, `v-${key}`).ok).toBe(true);
    for (let i = 8; i < 16; i++) {
      sim.join(`m${i}`, "m0");
      sim.runFor(5_000);
    }
    sim.runFor(20_000);
    const ring = sim.ring();
    let moved = 0;
    for (const key of keys) {
      const owner = sim.owner(chordId(key), ring);
      expect(sim.node(owner.addr).store.get(key)?.value).toBe(`v-${key}`);
      if (Number(owner.addr.slice(1)) >= 8) moved++;
      expect(sim.get("m3", key).record?.value).toBe(`v-${key}`);
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("hands every key to the successor on graceful leave, even without replicas", () => {
    const sim = grow(44, 16, { ...config, replicas: 1 });
    sim.runFor(20_000);
    const keys = Array.from({ length: 300 }, (_, i) => `leave-${i}`);
    for (const key of keys) sim.put("m0", key, `v-${key}`);
    for (const key of keys) expect(copiesOf(sim, key)).toBe(1);
    for (let i = 15; i >= 9; i--) {
      sim.leave(`m${i}`);
      sim.runFor(3_000);
    }
    sim.runFor(10_000);
    expectConvergedRing(sim);
    for (const key of keys) expect(sim.get("m1", key).record?.value).toBe(`v-${key}`);
  });

  it("keeps every key through crashes one at a time with maintenance between (r = 3)", () => {
    const sim = grow(45, 24);
    sim.runFor(20_000);
    const keys = Array.from({ length: 400 }, (_, i) => `churn-${i}`);
    for (const key of keys) sim.put("m0", key, `v-${key}`);
    sim.runFor(5_000);
    for (const key of keys) expect(copiesOf(sim, key)).toBe(3);
    const rng = new Rng(46);
    let next = 24;
    for (let round = 0; round < 16; round++) {
      const victims = [...sim.nodes.keys()].filter((a) => a !== "m0");
      sim.fail(rng.pick(victims));
      sim.runFor(8_000);
      if (round % 2 === 1) {
        sim.join(`m${next++}`, "m0");
        sim.runFor(8_000);
      }
    }
    expectConvergedRing(sim);
    for (const key of keys) {
      expect(copiesOf(sim, key)).toBeGreaterThanOrEqual(3);
      expect(sim.get("m0", key).record?.value).toBe(`v-${key}`);
    }
  });
});
