import { describe, expect, it } from "vitest";
import { KBuckets } from "../../../shared/dht/kademlia/buckets";
import { KademliaNode } from "../../../shared/dht/kademlia/node";
import {
  type KadContact,
  type KadEnvelope,
  kademliaConfig,
} from "../../../shared/dht/kademlia/types";
import { MemoryKeyStore } from "../../../shared/dht/key-store";
import { bucketIndex } from "../../../shared/dht/xor-id";
import { Rng } from "../../../shared/rng";

const SELF: KadContact = { id: 0n, addr: "self" };
const K = 4;

/** A contact in bucket 159 of SELF (top bit set), distinct per n. */
function far(n: number): KadContact {
  return { id: (1n << 159n) | BigInt(n), addr: `far-${n}` };
}

function addrs(contacts: KadContact[]): string[] {
  return contacts.map((c) => c.addr);
}

describe("k-buckets", () => {
  it("keep contacts least-recently seen first and move a contact heard again to the tail", () => {
    const table = new KBuckets(SELF, K);
    for (let n = 0; n < 3; n++) expect(table.seen(far(n))).toBeUndefined();
    table.seen(far(0));
    expect(addrs(table.buckets[159] ?? [])).toEqual(["far-1", "far-2", "far-0"]);
  });

  it("ping the least-recently seen entry of a full bucket and keep it when it answers", () => {
    const table = new KBuckets(SELF, K);
    for (let n = 0; n < K; n++) table.seen(far(n));
    const check = table.seen(far(99));
    expect(check?.stale.addr).toBe("far-0");
    expect(table.seen(far(100))).toBeUndefined();
    table.staleAnswered(far(0));
    expect(addrs(table.buckets[159] ?? [])).toEqual(["far-1", "far-2", "far-3", "far-0"]);
    // The newcomers were only remembered: they refill the bucket when an entry fails.
    table.remove(far(2));
    expect(addrs(table.buckets[159] ?? [])).toEqual(["far-1", "far-3", "far-0", "far-100"]);
  });

  it("evict the least-recently seen entry for the newcomer only when it fails the ping", () => {
    const table = new KBuckets(SELF, K);
    for (let n = 0; n < K; n++) table.seen(far(n));
    const check = table.seen(far(99));
    expect(check).toBeDefined();
    table.staleFailed(far(0));
    expect(addrs(table.buckets[159] ?? [])).toEqual(["far-1", "far-2", "far-3", "far-99"]);
  });

  it("return the same k closest contacts as a brute-force sort", () => {
    const rng = new Rng(51);
    const rid = () => {
      let id = 0n;
      for (let i = 0; i < 5; i++) id = (id << 32n) | BigInt(rng.nextUint32());
      return id >> BigInt(rng.int(40));
    };
    for (let trial = 0; trial < 40; trial++) {
      const self = { id: rid(), addr: "me" };
      const table = new KBuckets(self, 8);
      const all: KadContact[] = [];
      for (let n = 0; n < 300; n++) {
        const c = { id: rid(), addr: `c${n}` };
        if (c.id !== self.id && !table.seen(c)) all.push(c);
      }
      const held = table.buckets.flat();
      expect(held.length).toBeGreaterThan(0);
      for (const target of [rid(), self.id, held[0]?.id ?? 0n]) {
        const brute = [...held].sort((a, b) => ((a.id ^ target) < (b.id ^ target) ? -1 : 1));
        expect(addrs(table.closest(target, 8))).toEqual(addrs(brute.slice(0, 8)));
      }
      for (const c of held) expect(bucketIndex(self.id, c.id)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("a Kademlia node's bucket replacement", () => {
  const config = { ...kademliaConfig(1000), k: K, maintenanceEvery: 0, rpcTimeout: 100 };
  const request = (from: KadContact, corr: number): KadEnvelope => ({
    type: "request",
    from: from.addr,
    to: SELF.addr,
    corr,
    body: { kind: "findNode", sender: from, target: 5n },
  });

  function fullNode(): KademliaNode {
    const buckets: KadContact[][] = [];
    buckets[159] = [far(0), far(1), far(2), far(3)];
    return new KademliaNode(SELF, config, new MemoryKeyStore(), new Rng(1), {
      self: SELF,
      buckets,
    });
  }

  it("keeps a live old contact and ignores the newcomer", () => {
    const node = fullNode();
    const ready = node.handle(request(far(9), 1), 10);
    const ping = ready.send.find((e) => e.type === "request" && e.body.kind === "ping");
    expect(ping?.to).toBe("far-0");
    if (ping?.type !== "request") throw new Error("no ping");
    node.handle(
      { type: "response", from: "far-0", to: "self", corr: ping.corr, body: { kind: "pong" } },
      20,
    );
    node.tick(500);
    expect(addrs(node.buckets.buckets[159] ?? [])).toEqual(["far-1", "far-2", "far-3", "far-0"]);
  });

  it("evicts an old contact that does not answer and files the newcomer", () => {
    const node = fullNode();
    node.handle(request(far(9), 1), 10);
    const later = node.tick(200);
    expect(later.send).toEqual([]);
    expect(addrs(node.buckets.buckets[159] ?? [])).toEqual(["far-1", "far-2", "far-3", "far-9"]);
  });
});
