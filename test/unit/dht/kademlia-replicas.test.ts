import { describe, expect, it } from "vitest";
import { type KadEnvelope, kademliaConfig } from "../../../shared/dht/kademlia/types";
import { MembershipView, memberIdHex } from "../../../shared/dht/membership-view";
import { KademliaSim } from "../../../shared/dht/sim/kademlia-sim";
import { kadId } from "../../../shared/dht/xor-id";
import { Rng } from "../../../shared/rng";

const NODES = 32;
/** As a 32-node ring with r = 3 runs: k = 4; maintenance rounds only when asked. */
const config = { ...kademliaConfig(NODES), maintenanceEvery: 1e12 };

function ring(seed: number, keys: number): { sim: KademliaSim; addrs: string[] } {
  const addrs = Array.from({ length: NODES }, (_, i) => `rep-${seed}-${i}`);
  const sim = KademliaSim.converged(new Rng(seed), config, addrs);
  for (let i = 0; i < keys; i++) sim.put(closestTo(sim, `key-${i}`), `key-${i}`, `v0-${i}`);
  return { sim, addrs };
}

function closestTo(sim: KademliaSim, key: string): string {
  return (sim.closestLive(kadId(key), 1)[0] as { addr: string }).addr;
}

/** Keys whose value is missing (or not `expected`) on any of their k closest live nodes. */
function underReplicated(sim: KademliaSim, keys: number, expected = (i: number) => `v0-${i}`) {
  const short: string[] = [];
  for (let i = 0; i < keys; i++) {
    for (const c of sim.closestLive(kadId(`key-${i}`), config.k)) {
      if (sim.node(c.addr).store.get(`key-${i}`)?.value !== expected(i)) short.push(`key-${i}`);
    }
  }
  return short;
}

/**
 * The fewest live copies of its expected value any key has. Repairs push to the k closest a
 * holder knows, which on buckets that sample a large range may not be the true k closest,
 * so copies are counted wherever they are (gets find them on the way to the key).
 */
function fewestCopies(sim: KademliaSim, keys: number, expected = (i: number) => `v0-${i}`) {
  let fewest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < keys; i++) {
    let copies = 0;
    for (const node of sim.nodes.values()) {
      if (node.store.get(`key-${i}`)?.value === expected(i)) copies++;
    }
    fewest = Math.min(fewest, copies);
  }
  return fewest;
}

/** What the ring directory does after a change: maintenance on the nodes sharing keys with it. */
function repairAround(sim: KademliaSim, changed: string, members: string[]): void {
  const view = new MembershipView({
    ring: "r",
    overlay: "kademlia",
    version: 1,
    replication: 3,
    k: 3,
    members: members.map((addr) => ({
      addr,
      host: addr,
      id: memberIdHex("kademlia", kadId(addr)),
    })),
  });
  for (const m of view.sharingKeysWith(changed, config.k)) {
    if (sim.nodes.has(m.addr)) sim.maintain(m.addr);
  }
  // A ping to a crashed node fails only at its deadline here (a Durable Object's at once).
  sim.runFor(2 * config.rpcTimeout);
}

describe("Kademlia keeps each record on the k closest live nodes", () => {
  it("a joining node among a key's k closest gets the record from the holders that hear of it", () => {
    const { sim } = ring(81, 400);
    for (let j = 0; j < 4; j++) {
      expect(sim.join(`rep-new-${j}`, "rep-81-0").ok).toBe(true);
      sim.runFor(100);
    }
    expect(underReplicated(sim, 400)).toEqual([]);
  });

  it("copies a crashed node held are restored once its fellow holders run maintenance", () => {
    const { sim, addrs } = ring(82, 400);
    const members = [...addrs];
    for (const victim of addrs.slice(0, 6)) {
      sim.fail(victim);
      repairAround(sim, victim, members);
      members.splice(members.indexOf(victim), 1);
    }
    expect(fewestCopies(sim, 400)).toBeGreaterThanOrEqual(config.k);
  });

  it("a late copy of an older write never replaces a newer one", () => {
    const { sim } = ring(83, 1);
    const holder = closestTo(sim, "key-0");
    const old = sim.node(holder).store.get("key-0");
    sim.runFor(1_000);
    sim.put(holder, "key-0", "newer");
    const stale: KadEnvelope = {
      type: "request",
      from: "rep-83-1",
      to: holder,
      corr: 1,
      body: {
        kind: "store",
        sender: sim.node("rep-83-1").self,
        copies: [{ key: "key-0", value: "v0-0", stamp: old?.stamp ?? 0, ttl: 1_000_000 }],
      },
    };
    sim.node(holder).handle(stale, sim.net.now);
    expect(sim.node(holder).store.get("key-0")?.value).toBe("newer");
    expect(sim.get(holder, "key-0").value).toBe("newer");
  });

  it("8 nodes failed and 8 joined one at a time lose no key and no last write", () => {
    const keys = 1000;
    const { sim, addrs } = ring(84, keys);
    const members = [...addrs];
    const last = new Map<number, string>();
    for (let round = 0; round < 8; round++) {
      const victim = addrs[round] as string;
      sim.fail(victim);
      repairAround(sim, victim, members);
      members.splice(members.indexOf(victim), 1);
      const joiner = `rep-84-new-${round}`;
      expect(sim.join(joiner, members[0] as string).ok).toBe(true);
      members.push(joiner);
      repairAround(sim, joiner, members);
      for (let i = round * 50; i < round * 50 + 50; i++) {
        sim.put(closestTo(sim, `key-${i}`), `key-${i}`, `v${round + 1}-${i}`);
        last.set(i, `v${round + 1}-${i}`);
      }
    }
    const value = (i: number) => last.get(i) ?? `v0-${i}`;
    expect(fewestCopies(sim, keys, value)).toBeGreaterThanOrEqual(config.k);
    for (let i = 0; i < keys; i++) {
      expect(sim.get(closestTo(sim, `key-${i}`), `key-${i}`).value).toBe(value(i));
    }
  });
});
