import { describe, expect, it } from "vitest";
import { ChordRouting } from "../../../shared/dht/chord/routing";
import { MembershipView, memberIdHex } from "../../../shared/dht/membership-view";
import { memberId, membersOf, type Overlay } from "../../../shared/dht/ring-config";
import { chordId, ringDistance } from "../../../shared/dht/ring-id";
import { bucketIndex, kadId } from "../../../shared/dht/xor-id";

function view(overlay: Overlay, hosts: number, virtualNodes = 1): MembershipView {
  const members = Array.from({ length: hosts }, (_, i) =>
    membersOf("r", `n${i}`, virtualNodes),
  ).flat();
  return new MembershipView({
    ring: "r",
    overlay,
    version: 1,
    replication: 3,
    k: 3,
    members: members.map((m) => ({ ...m, id: memberIdHex(overlay, memberId(overlay, m.addr)) })),
  });
}

describe("the gateway's membership view picks the owner the overlay would", () => {
  it("gives a Chord key to its successor: the member at the least clockwise distance", () => {
    const v = view("chord", 20, 3);
    const all = v.snapshot.members;
    for (let i = 0; i < 300; i++) {
      const key = `key-${i}`;
      const id = chordId(key);
      let best = all[0];
      for (const m of all) {
        const d = ringDistance(id, BigInt(`0x${m.id}`));
        if (d < ringDistance(id, BigInt(`0x${best?.id}`))) best = m;
      }
      expect(v.ownerOf(key)?.addr).toBe(best?.addr);
    }
  });

  it("gives a Kademlia key to the member closest by XOR", () => {
    const v = view("kademlia", 25);
    for (let i = 0; i < 300; i++) {
      const target = kadId(`key-${i}`);
      const best = [...v.snapshot.members].sort((a, b) => {
        const da = BigInt(`0x${a.id}`) ^ target;
        const db = BigInt(`0x${b.id}`) ^ target;
        return da < db ? -1 : da > db ? 1 : 0;
      })[0];
      expect(v.ownerOf(`key-${i}`)?.addr).toBe(best?.addr);
    }
  });

  it("names each member's ring neighbours, wrapping around", () => {
    const v = view("chord", 5);
    const sorted = [...v.snapshot.members].sort((a, b) => (a.id < b.id ? -1 : 1));
    const first = sorted[0]?.addr as string;
    expect(v.neighbours(first)?.predecessor.addr).toBe(sorted[4]?.addr);
    expect(v.neighbours(first)?.successor.addr).toBe(sorted[1]?.addr);
  });

  it("lists the predecessors whose replica sets hold a member, nearest first, without itself", () => {
    const v = view("chord", 5);
    const sorted = [...v.snapshot.members].sort((a, b) => (a.id < b.id ? -1 : 1));
    const addr = (i: number) => sorted[i]?.addr;
    expect(v.predecessors(addr(1) as string, 2).map((m) => m.addr)).toEqual([addr(0), addr(4)]);
    expect(v.predecessors(addr(1) as string, 9).map((m) => m.addr)).toEqual([
      addr(0),
      addr(4),
      addr(3),
      addr(2),
    ]);
    expect(v.predecessors("nobody", 2)).toEqual([]);
  });

  it("names a key's holders: Chord, the owner and the members after it; Kademlia, the closest", () => {
    const chord = view("chord", 6);
    const sorted = [...chord.snapshot.members].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < 50; i++) {
      const key = `key-${i}`;
      const at = sorted.findIndex((m) => m.addr === chord.ownerOf(key)?.addr);
      const expected = [0, 1, 2].map((j) => sorted[(at + j) % 6]?.addr);
      expect(chord.holdersOf(key, 3).map((m) => m.addr)).toEqual(expected);
    }
    expect(chord.holdersOf("k", 9)).toHaveLength(6);
    expect(chord.copies).toBe(3);
    const kad = view("kademlia", 12);
    for (let i = 0; i < 50; i++) {
      const target = kadId(`key-${i}`);
      const closest = [...kad.snapshot.members]
        .sort((a, b) => {
          const da = BigInt(`0x${a.id}`) ^ target;
          const db = BigInt(`0x${b.id}`) ^ target;
          return da < db ? -1 : da > db ? 1 : 0;
        })
        .slice(0, 4)
        .map((m) => m.addr);
      expect(kad.holdersOf(`key-${i}`, 4).map((m) => m.addr)).toEqual(closest);
    }
  });
});

describe("a Chord successor list never wraps past its own node", () => {
  it("drops entries learned from the far side of a small ring", () => {
    const refs = ["a", "b", "c", "d"].map((name) => ({ id: chordId(name), addr: name }));
    refs.sort((x, y) => (x.id < y.id ? -1 : 1));
    const [self, s1, s2, s3] = refs as [
      (typeof refs)[0],
      (typeof refs)[0],
      (typeof refs)[0],
      (typeof refs)[0],
    ];
    const routing = ChordRouting.alone(self, 8);
    routing.setSuccessors([s1], [s2, s3, self, s1, s2]);
    expect(routing.successors.map((n) => n.addr)).toEqual([s1.addr, s2.addr, s3.addr]);
    routing.setSuccessors([s1], [s3, s2]);
    expect(routing.successors.map((n) => n.addr)).toEqual([s1.addr, s3.addr]);
  });
});

describe("the Kademlia members that can share keys with a node", () => {
  const k = 4;
  const v = view("kademlia", 40);
  const members = v.snapshot.members.map((m) => ({ addr: m.addr, id: BigInt(`0x${m.id}`) }));
  const topK = (id: bigint) =>
    [...members]
      .sort((a, b) => {
        const da = a.id ^ id;
        const db = b.id ^ id;
        return da < db ? -1 : da > db ? 1 : 0;
      })
      .slice(0, k)
      .map((m) => m.addr);

  it("include every node found with it among the k closest of a random key", () => {
    const sharing = new Map(
      members.map((x) => [x.addr, new Set(v.sharingKeysWith(x.addr, k).map((m) => m.addr))]),
    );
    for (let i = 0; i < 1000; i++) {
      const holders = topK(kadId(`share-${i}`));
      for (const x of holders) {
        for (const h of holders) if (h !== x) expect(sharing.get(x)?.has(h)).toBe(true);
      }
    }
  });

  it("include only nodes for which some key has both among its k closest", () => {
    let pairs = 0;
    for (const x of members) {
      const sharing = v.sharingKeysWith(x.addr, k);
      expect(sharing.length).toBeLessThan(members.length - 1);
      for (const h of sharing) {
        const id = members.find((m) => m.addr === h.addr)?.id as bigint;
        // The witness: h's side of the subtree holding both, below that x's bits.
        const bit = BigInt(bucketIndex(id, x.id));
        const mask = (1n << bit) - 1n;
        const onHSide = (id & ~mask) | (x.id & mask);
        const onXSide = (x.id & ~mask) | (id & mask);
        const both = (holders: string[]) => holders.includes(h.addr) && holders.includes(x.addr);
        expect(both(topK(onHSide)) || both(topK(onXSide))).toBe(true);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(members.length);
  });
});
