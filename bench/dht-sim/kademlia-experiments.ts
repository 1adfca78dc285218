/**
 * Kademlia in the simulator: how many nodes a lookup contacts as the network grows, set
 * against ⌈log2 N⌉, and how reliably values are found while nodes come and go.
 */
import { type KadConfig, kademliaConfig } from "../../shared/dht/kademlia/types";
import { KademliaSim } from "../../shared/dht/sim/kademlia-sim";
import { kadId } from "../../shared/dht/xor-id";
import { Rng } from "../../shared/rng";
import { type Summary, summarize } from "./stats";

export interface ContactRow {
  nodes: number;
  k: number;
  alpha: number;
  /** Nodes a FIND_NODE lookup sent requests to. */
  findNode: Summary;
  /** Nodes a FIND_VALUE lookup (a get) sent requests to before it had the value. */
  findValue: Summary;
  /** Lookup depth at which the value was found (get) — the comparable of Chord's hops. */
  valueHops: number;
  /** Share of FIND_NODE lookups that returned exactly the k closest live nodes. */
  exact: number;
  reference: number;
}

export function contactsPerLookup(
  lo: number,
  hi: number,
  lookups: number,
  seed: number,
): ContactRow[] {
  const rows: ContactRow[] = [];
  for (let e = lo; e <= hi; e++) {
    const n = 2 ** e;
    const config: KadConfig = { ...kademliaConfig(n), maintenanceEvery: 0 };
    const addrs = Array.from({ length: n }, (_, i) => `kad-${e}-${i}`);
    const sim = KademliaSim.converged(new Rng(seed + e), config, addrs);
    const rng = new Rng(seed * 17 + e);
    const findNode: number[] = [];
    let exact = 0;
    for (let i = 0; i < lookups; i++) {
      const target = kadId(`target-${e}-${i}`);
      const done = sim.findNode(rng.pick(addrs), target);
      findNode.push(done.contacted);
      // Checking exactness sorts the whole membership; sample it on the larger networks.
      if (i < 100) {
        const truth = sim.closestLive(target, config.k).map((c) => c.addr);
        if (truth.join() === (done.closest ?? []).map((c) => c.addr).join()) exact++;
      }
    }
    const keys = Array.from({ length: Math.min(lookups, 200) }, (_, i) => `value-${e}-${i}`);
    for (const key of keys) sim.put(rng.pick(addrs), key, key);
    const findValue: number[] = [];
    let valueHops = 0;
    for (let i = 0; i < lookups; i++) {
      const key = rng.pick(keys);
      const done = sim.get(rng.pick(addrs), key);
      if (done.value !== key) throw new Error(`get failed on a still network of ${n}`);
      findValue.push(done.contacted);
      valueHops += done.hops;
    }
    rows.push({
      nodes: n,
      k: config.k,
      alpha: config.alpha,
      findNode: summarize(findNode),
      findValue: summarize(findValue),
      valueHops: valueHops / lookups,
      exact: exact / Math.min(lookups, 100),
      reference: Math.ceil(Math.log2(n)),
    });
  }
  return rows;
}

export interface ChurnRow {
  nodes: number;
  /** Nodes replaced (one crash and one join) per virtual minute, as a share of N. */
  churnPerMinute: number;
  minutes: number;
  /** Gets that returned the value, from random live nodes at the end. */
  getSuccess: number;
  /** Share of keys still held by at least one of their k closest live nodes. */
  held: number;
  /** FIND_NODE lookups that returned exactly the k closest live nodes. */
  exact: number;
  meanContacted: number;
}

/**
 * Churn: one tick is a millisecond; nodes crash (no hand-off) and new ones join at a steady
 * rate while maintenance runs every 5 s and holders republish every minute (the paper's
 * hour, scaled down so that the run spans several republish rounds).
 */
export function churn(
  nodes: number,
  keys: number,
  rates: number[],
  minutes: number,
  seed: number,
): ChurnRow[] {
  return rates.map((rate) => {
    const rng = new Rng(seed + Math.round(rate * 1000));
    const config: KadConfig = {
      ...kademliaConfig(nodes),
      maintenanceEvery: 5_000,
      republishEvery: 60_000,
      refreshAfter: 300_000,
      expireAfter: 86_400_000,
    };
    const addrs = Array.from({ length: nodes }, (_, i) => `ch-${i}`);
    const sim = KademliaSim.converged(rng.fork(), config, addrs, { min: 5, max: 50 });
    const keyNames = Array.from({ length: keys }, (_, i) => `churn-key-${i}`);
    for (const key of keyNames) sim.put(rng.pick(addrs), key, `v-${key}`);
    const events = Math.round(rate * nodes * minutes);
    const gap = events > 0 ? (minutes * 60_000) / events : minutes * 60_000;
    let next = nodes;
    for (let i = 0; i < events; i++) {
      sim.fail(rng.pick([...sim.nodes.keys()]));
      sim.join(`ch-${next++}`, rng.pick([...sim.nodes.keys()]));
      sim.runFor(gap);
    }
    if (events === 0) sim.runFor(gap);
    const live = [...sim.nodes.keys()];
    let ok = 0;
    let held = 0;
    let exact = 0;
    let contacted = 0;
    for (const key of keyNames) {
      const done = sim.get(rng.pick(live), key);
      if (done.value === `v-${key}`) ok++;
      contacted += done.contacted;
      const closest = sim.closestLive(kadId(key), config.k);
      if (closest.some((c) => sim.node(c.addr).store.get(key))) held++;
    }
    const probes = Math.min(keys, 100);
    for (let i = 0; i < probes; i++) {
      const target = kadId(`probe-${i}`);
      const done = sim.findNode(rng.pick(live), target);
      const truth = sim
        .closestLive(target, config.k)
        .map((c) => c.addr)
        .join();
      if (truth === (done.closest ?? []).map((c) => c.addr).join()) exact++;
    }
    return {
      nodes,
      churnPerMinute: rate,
      minutes,
      getSuccess: ok / keys,
      held: held / keys,
      exact: exact / probes,
      meanContacted: contacted / keys,
    };
  });
}
