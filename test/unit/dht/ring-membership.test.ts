import { describe, expect, it } from "vitest";
import { MAX_RING_HOSTS, type RingSpec } from "../../../shared/dht/ring-config";
import {
  liveMembers,
  newRingRecord,
  planJoin,
  planRemoval,
  type RingRecord,
} from "../../../shared/dht/ring-membership";
import { repairOrder } from "../../../shared/dht/ring-repair";

const chord: RingSpec = { name: "r", overlay: "chord", nodes: 8, replication: 3, virtualNodes: 1 };

describe("ring membership decisions", () => {
  it("a join adds the next host id live, grows the version by one, and leaves the old record as it was", () => {
    const ring = newRingRecord(chord);
    const plan = planJoin(ring);
    if (!plan.ok) throw new Error(plan.problem.detail);
    expect(plan.value.host).toBe("n8");
    expect(plan.value.members).toEqual([{ addr: "r/n8", host: "n8" }]);
    expect(plan.value.record.version).toBe(2);
    expect(plan.value.record.hosts.at(-1)).toEqual({ id: "n8", state: "live" });
    expect(plan.value.before).toHaveLength(8);
    expect(ring.version).toBe(1);
    expect(ring.hosts).toHaveLength(8);
  });

  it("a removal marks the host left or failed, and refuses unknown, gone and last hosts", () => {
    const ring = newRingRecord({ ...chord, nodes: 2, replication: 1 });
    const failed = planRemoval(ring, "n1", "fail");
    if (!failed.ok) throw new Error(failed.problem.detail);
    expect(failed.value.record.hosts[1]).toEqual({ id: "n1", state: "failed" });
    expect(failed.value.record.version).toBe(2);
    expect(liveMembers(failed.value.record).map((m) => m.addr)).toEqual(["r/n0"]);
    expect(planRemoval(failed.value.record, "n1", "leave")).toEqual({
      ok: false,
      problem: { kind: "not-found", detail: 'no live node "n1" in ring "r"' },
    });
    expect(planRemoval(ring, "n7", "leave").ok).toBe(false);
    expect(planRemoval(failed.value.record, "n0", "leave")).toEqual({
      ok: false,
      problem: { kind: "conflict", detail: '"n0" is the last node of ring "r"' },
    });
    const left = planRemoval(ring, "n0", "leave");
    expect(left.ok && left.value.record.hosts[0]).toEqual({ id: "n0", state: "left" });
  });

  it("refuses a join once the ring has had MAX_RING_HOSTS hosts", () => {
    const ring = newRingRecord(chord);
    const full: RingRecord = {
      ...ring,
      hosts: Array.from({ length: MAX_RING_HOSTS }, (_, i) => ({
        id: `n${i}`,
        state: i < 8 ? "live" : "left",
      })),
    };
    expect(planJoin(full)).toEqual({
      ok: false,
      problem: {
        kind: "conflict",
        detail: `ring "r" has had ${MAX_RING_HOSTS} hosts, the most it may`,
      },
    });
  });
});

describe("the repair plan after a change", () => {
  it("Chord failure: successor, the r − 1 nearest predecessors nearest first, successor again", () => {
    const ring = newRingRecord(chord);
    const plan = planRemoval(ring, "n3", "fail");
    if (!plan.ok) throw new Error(plan.problem.detail);
    const around = liveMembers(ring).map((m) => m.addr);
    const order = repairOrder(plan.value, 0).map((m) => m.addr);
    expect(order).toHaveLength(4);
    expect(order[0]).toBe(order[3]);
    expect(new Set(order).size).toBe(3);
    expect(order).not.toContain("r/n3");
    for (const addr of order) expect(around).toContain(addr);
  });

  it("Chord join: the new node first, then its neighbourhood, and a host's virtual nodes one by one", () => {
    const ring = newRingRecord({ ...chord, virtualNodes: 2 });
    const plan = planJoin(ring);
    if (!plan.ok) throw new Error(plan.problem.detail);
    const [first, second] = plan.value.members.map((m) => m.addr);
    const afterFirst = repairOrder(plan.value, 0).map((m) => m.addr);
    expect(afterFirst[0]).toBe(first);
    expect(afterFirst).toHaveLength(5);
    expect(afterFirst).not.toContain(second);
    expect(repairOrder(plan.value, 1)[0]?.addr).toBe(second);
  });

  it("Kademlia: every live node that can share keys with the changed one, never the changed one", () => {
    const ring = newRingRecord({ ...chord, overlay: "kademlia", nodes: 24 });
    const plan = planRemoval(ring, "n5", "fail");
    if (!plan.ok) throw new Error(plan.problem.detail);
    const order = repairOrder(plan.value, 0).map((m) => m.addr);
    expect(order.length).toBeGreaterThanOrEqual(ring.k - 1);
    expect(order.length).toBeLessThan(23);
    expect(order).not.toContain("r/n5");
  });
});
