/**
 * The Chord paper's simulations, run on the pure core: path length against ring size
 * (Fig. 10), keys per node with and without virtual nodes (Figs. 8 and 9), and lookups and
 * lost keys after many nodes fail at once (Fig. 13, here with r-way replication).
 */
import { sortRing, successorIndex } from "../../shared/dht/chord/ideal";
import {
  type ChordConfig,
  type ChordRef,
  DEFAULT_CHORD_CONFIG,
} from "../../shared/dht/chord/types";
import { chordId, virtualNodeName } from "../../shared/dht/ring-id";
import { ChordSim } from "../../shared/dht/sim/chord-sim";
import { Rng } from "../../shared/rng";
import { type Summary, summarize } from "./stats";

/** Converged rings route without maintenance; timeouts only matter after failures. */
const STILL: ChordConfig = { ...DEFAULT_CHORD_CONFIG, maintenanceEvery: 0 };

export interface PathLengthRow extends Summary {
  nodes: number;
  lookups: number;
  /** Share of lookups that ended at the key's true successor (brute force on the sorted ring). */
  correct: number;
  reference: number;
}

/**
 * Fig. 10: lookups from random nodes for random keys on converged rings of 2^lo … 2^hi,
 * with the default configuration (a successor list of 8, which lookups fall back on only
 * when fingers fail, so on a still ring they route by fingers alone, as the paper does).
 */
export function pathLength(lo: number, hi: number, lookups: number, seed: number): PathLengthRow[] {
  const rows: PathLengthRow[] = [];
  for (let e = lo; e <= hi; e++) {
    const n = 2 ** e;
    const addrs = Array.from({ length: n }, (_, i) => `node-${e}-${i}`);
    const sim = ChordSim.converged(new Rng(seed + e), STILL, addrs);
    const ring = sim.ring();
    const rng = new Rng(seed * 31 + e);
    const hops: number[] = [];
    let correct = 0;
    for (let i = 0; i < lookups; i++) {
      const target = chordId(`key-${e}-${i}`);
      const done = sim.lookup(rng.pick(addrs), target);
      if (!done.ok) throw new Error(`lookup failed on a converged ring of ${n}`);
      hops.push(done.hops);
      if (done.node?.addr === sim.owner(target, ring).addr) correct++;
    }
    rows.push({
      nodes: n,
      lookups,
      ...summarize(hops),
      correct: correct / lookups,
      reference: e / 2,
    });
  }
  return rows;
}

export interface LoadRow extends Summary {
  virtualNodes: number;
  nodes: number;
  keys: number;
  /** p99 / mean and p1 / mean. */
  p99Ratio: number;
  p1Ratio: number;
}

/**
 * Figs. 8/9: each key is stored on its successor, so the keys of a physical node are those
 * whose successor is one of its virtual nodes. Placement is computed from the sorted ring —
 * exactly where a put lands (the unit tests check that puts reach the successor).
 */
export function keyLoad(nodes: number, keys: number, virtualCounts: number[]): LoadRow[] {
  const keyIds = Array.from({ length: keys }, (_, i) => chordId(`k${i}`));
  return virtualCounts.map((v) => {
    const refs: ChordRef[] = [];
    const hostOf = new Map<string, number>();
    for (let h = 0; h < nodes; h++) {
      for (let j = 0; j < v; j++) {
        const addr = virtualNodeName(`host-${h}`, j);
        refs.push({ id: chordId(addr), addr });
        hostOf.set(addr, h);
      }
    }
    const ring = sortRing(refs);
    const hostByIndex = ring.map((r) => hostOf.get(r.addr) as number);
    const load = new Array<number>(nodes).fill(0);
    for (const id of keyIds) {
      const host = hostByIndex[successorIndex(ring, id)] as number;
      load[host] = (load[host] as number) + 1;
    }
    const s = summarize(load);
    return { virtualNodes: v, nodes, keys, ...s, p99Ratio: s.p99 / s.mean, p1Ratio: s.p1 / s.mean };
  });
}

export interface FailureRow {
  replicas: number;
  failed: number;
  /** Gets that did not complete at the key's live successor. */
  lookupFailures: number;
  /** Gets that reached the right node but found no copy of the key. */
  readMisses: number;
  /** Keys with no copy left on any live node. */
  lostKeys: number;
  /** p^r, the chance that all r holders of a key are among the failed. */
  expectedLost: number;
  meanHops: number;
  meanTimeouts: number;
}

/**
 * Fig. 13 with replication: a converged ring holding keys on r successive nodes loses a
 * fraction p of its nodes at once; then, before any stabilization, gets run from live nodes.
 */
export function simultaneousFailure(
  nodes: number,
  keys: number,
  gets: number,
  fractions: number[],
  replicaCounts: number[],
  seed: number,
): FailureRow[] {
  const rows: FailureRow[] = [];
  for (const r of replicaCounts) {
    for (const p of fractions) {
      const rng = new Rng(seed + Math.round(p * 100) + 1000 * r);
      // The paper's successor list of 2·log2 N entries (20 for 1,000 nodes).
      const listLength = 2 * Math.ceil(Math.log2(nodes));
      const config: ChordConfig = { ...STILL, replicas: r, successorListLength: listLength };
      const addrs = Array.from({ length: nodes }, (_, i) => `f-${i}`);
      const sim = ChordSim.converged(rng.fork(), config, addrs);
      const ring = sim.ring();
      const keyNames = Array.from({ length: keys }, (_, i) => `fk-${i}`);
      for (const key of keyNames) {
        const id = chordId(key);
        const at = successorIndex(ring, id);
        for (let j = 0; j < r; j++) {
          const holder = ring[(at + j) % ring.length] as ChordRef;
          sim.node(holder.addr).store.put({ key, id, value: `v-${key}`, stamp: 1 });
        }
      }
      const order = addrs.map((a) => ({ a, k: rng.next() })).sort((x, y) => x.k - y.k);
      const failed = order.slice(0, Math.round(p * nodes)).map((x) => x.a);
      for (const addr of failed) sim.fail(addr);
      const live = sim.ring();
      const liveAddrs = live.map((n) => n.addr);
      let lostKeys = 0;
      for (const key of keyNames) {
        let held = false;
        for (const node of sim.nodes.values()) if (node.store.get(key)) held = true;
        if (!held) lostKeys++;
      }
      let lookupFailures = 0;
      let readMisses = 0;
      let hops = 0;
      let timeouts = 0;
      for (let i = 0; i < gets; i++) {
        const key = rng.pick(keyNames);
        const done = sim.get(rng.pick(liveAddrs), key);
        hops += done.hops;
        timeouts += done.timeouts;
        if (!done.ok || done.node?.addr !== sim.owner(chordId(key), live).addr) lookupFailures++;
        else if (!done.record) readMisses++;
      }
      rows.push({
        replicas: r,
        failed: p,
        lookupFailures: lookupFailures / gets,
        readMisses: readMisses / gets,
        lostKeys: lostKeys / keys,
        expectedLost: p ** r,
        meanHops: hops / gets,
        meanTimeouts: timeouts / gets,
      });
    }
  }
  return rows;
}
