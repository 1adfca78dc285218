import { describe, expect, it } from "vitest";
import { KvHarness } from "./kv-harness";

function grant(h: KvHarness, ttl: number, now: number): number {
  return h.ok("leaseGrant", { type: "leaseGrant", ttl, now }).id;
}

describe("leases", () => {
  it("grants ids deterministically and without touching the key revision", () => {
    const a = new KvHarness();
    const b = new KvHarness();
    expect([grant(a, 10, 0), grant(a, 5, 0)]).toEqual([1, 2]);
    expect([grant(b, 10, 0), grant(b, 5, 0)]).toEqual([1, 2]);
    expect(a.kv.revision).toBe(0);
    expect(a.kv.lease(1)).toEqual({ id: 1, ttl: 10, deadline: 10_000, keys: [] });
  });

  it("attaches keys on put and moves them when re-put with another lease or none", () => {
    const h = new KvHarness();
    const l1 = grant(h, 10, 0);
    const l2 = grant(h, 10, 0);
    expect(h.put("a", "1", { lease: l1 }).item.lease).toBe(l1);
    h.put("b", "1", { lease: l1 });
    h.put("c", "1", { lease: l1 });
    h.put("b", "2", { lease: l2 });
    h.put("c", "2");
    expect(h.kv.lease(l1)?.keys).toEqual(["a"]);
    expect(h.kv.lease(l2)?.keys).toEqual(["b"]);
    expect(h.kv.get("c").item?.lease).toBeUndefined();
  });

  it("rejects a put with an unknown lease and changes nothing", () => {
    const h = new KvHarness();
    const result = h.run({ type: "put", key: "a", value: "1", lease: 7 });
    expect(result).toMatchObject({ kind: "error", code: "lease_not_found" });
    expect(h.kv.revision).toBe(0);
  });

  it("revokes a lease by deleting its keys in one revision", () => {
    const h = new KvHarness();
    const lease = grant(h, 10, 0);
    h.put("x", "1", { lease });
    h.put("y", "1", { lease });
    h.put("z", "1");
    h.del("y");
    expect(h.ok("leaseRevoke", { type: "leaseRevoke", id: lease })).toEqual({
      kind: "leaseRevoke",
      deleted: 1,
      revision: 5,
    });
    expect(h.kv.range("").items.map((i) => i.key)).toEqual(["z"]);
    expect(h.run({ type: "leaseRevoke", id: lease })).toMatchObject({ code: "lease_not_found" });
    expect(h.ok("leaseRevoke", { type: "leaseRevoke", id: grant(h, 1, 0) }).revision).toBe(5);
  });

  it("expires leases only when the leader's expireLeases command says so", () => {
    const h = new KvHarness();
    const short = grant(h, 5, 1_000);
    const long = grant(h, 60, 1_000);
    h.put("s", "1", { lease: short });
    h.put("l", "1", { lease: long });
    expect(h.kv.nextLeaseDeadline()).toBe(6_000);
    expect(h.kv.expiredLeases(5_999)).toEqual([]);
    expect(h.kv.expiredLeases(6_000)).toEqual([short]);
    expect(h.kv.get("s").item).not.toBeNull(); // no clock inside: nothing expires by itself
    const result = h.ok("expireLeases", { type: "expireLeases", now: 6_000 });
    expect(result).toEqual({ kind: "expireLeases", expired: [short], revision: 3 });
    expect(h.kv.get("s").item).toBeNull();
    expect(h.kv.get("l").item).not.toBeNull();
    expect(h.kv.nextLeaseDeadline()).toBe(61_000);
  });

  it("keeps a lease alive from the command's now, and refuses one already past its deadline", () => {
    const h = new KvHarness();
    const lease = grant(h, 10, 0);
    expect(h.ok("leaseKeepAlive", { type: "leaseKeepAlive", id: lease, now: 8_000 })).toEqual({
      kind: "leaseKeepAlive",
      id: lease,
      ttl: 10,
    });
    expect(h.kv.lease(lease)?.deadline).toBe(18_000);
    expect(h.kv.expiredLeases(17_999)).toEqual([]);
    expect(h.run({ type: "leaseKeepAlive", id: lease, now: 18_000 })).toMatchObject({
      code: "lease_not_found",
    });
    expect(h.kv.lease(lease)?.deadline).toBe(18_000);
    expect(h.run({ type: "leaseKeepAlive", id: 42, now: 0 })).toMatchObject({
      code: "lease_not_found",
    });
  });

  it("expires several leases each in its own revision, in id order", () => {
    const h = new KvHarness();
    const a = grant(h, 1, 0);
    const b = grant(h, 1, 0);
    h.put("b", "1", { lease: b });
    h.put("a", "1", { lease: a });
    h.ok("expireLeases", { type: "expireLeases", now: 1_000 });
    const events = h.kv.eventsSince(3);
    expect(events.kind === "events" && events.events).toEqual([
      { type: "delete", key: "a", revision: 3 },
      { type: "delete", key: "b", revision: 4 },
    ]);
  });
});
