import { describe, expect, it } from "vitest";
import { MAX_SEPARATOR_BYTES, validateCommand } from "../../../shared/kv/index";
import { KvHarness } from "./kv-harness";

function keys(h: KvHarness): string[] {
  return h.kv.range("").items.map((item) => item.key);
}

describe("deleteRange", () => {
  it("deletes what a listing of the same selection shows, in one revision, one event per key", () => {
    const h = new KvHarness();
    for (const key of ["config/app/db", "config/app/url", "config/log", "configs", "z"]) {
      h.put(key, "v");
    }
    const result = h.run({ type: "deleteRange", prefix: "config/" });
    expect(result).toEqual({ kind: "deleteRange", deleted: 3, revision: 6 });
    expect(keys(h)).toEqual(["configs", "z"]);
    const events = h.kv.eventsSince(6);
    expect(events.kind === "events" && events.events).toEqual([
      { type: "delete", key: "config/app/db", revision: 6 },
      { type: "delete", key: "config/app/url", revision: 6 },
      { type: "delete", key: "config/log", revision: 6 },
    ]);
  });

  it("deletes a [start, end) interval", () => {
    const h = new KvHarness();
    for (const key of ["a", "b", "c", "d"]) h.put(key, "v");
    expect(h.run({ type: "deleteRange", prefix: "", start: "b", end: "d" })).toMatchObject({
      deleted: 2,
    });
    expect(keys(h)).toEqual(["a", "d"]);
  });

  it("changes nothing, not even the revision, when nothing matches", () => {
    const h = new KvHarness();
    h.put("a", "v");
    const before = h.state();
    expect(h.run({ type: "deleteRange", prefix: "nothing/" })).toEqual({
      kind: "deleteRange",
      deleted: 0,
      revision: 1,
    });
    expect(h.state()).toBe(before);
  });

  it("detaches deleted keys from their leases", () => {
    const h = new KvHarness();
    const lease = h.ok("leaseGrant", { type: "leaseGrant", ttl: 60, now: 0 });
    h.put("s/a", "v", { lease: lease.id });
    h.put("s/b", "v", { lease: lease.id });
    h.put("t", "v", { lease: lease.id });
    h.run({ type: "deleteRange", prefix: "s/" });
    expect(h.kv.lease(lease.id)?.keys).toEqual(["t"]);
  });

  it("empties the keyspace only with all, and all takes no bounds", () => {
    const h = new KvHarness();
    h.put("a", "v");
    h.put("b", "v");
    const before = h.state();
    expect(h.run({ type: "deleteRange", prefix: "" })).toMatchObject({
      kind: "error",
      field: "prefix",
    });
    expect(h.run({ type: "deleteRange", prefix: "", start: "" })).toMatchObject({
      kind: "error",
    });
    expect(h.run({ type: "deleteRange", prefix: "a", all: true })).toMatchObject({
      kind: "error",
      field: "all",
    });
    expect(h.state()).toBe(before);
    expect(h.run({ type: "deleteRange", prefix: "", all: true })).toMatchObject({ deleted: 2 });
    expect(keys(h)).toEqual([]);
  });
});

describe("listing and range-delete bounds", () => {
  it("names the field of every meaningless combination", () => {
    const cases: [unknown, string][] = [
      [{ type: "range", prefix: "", start: "b", end: "a" }, "end"],
      [{ type: "range", prefix: "", start: "a", end: "a" }, "end"],
      [{ type: "range", prefix: "", separator: "" }, "separator"],
      [{ type: "range", prefix: "", separator: "/".repeat(MAX_SEPARATOR_BYTES + 1) }, "separator"],
      [{ type: "range", prefix: "", countOnly: true, keysOnly: true }, "countOnly"],
      [{ type: "range", prefix: "", countOnly: true, limit: 5 }, "limit"],
      [{ type: "range", prefix: "", keysOnly: "yes" }, "keysOnly"],
      [{ type: "range", prefix: "", cursor: 7 }, "cursor"],
      [{ type: "range", prefix: "", start: "k".repeat(1025) }, "start"],
      [{ type: "deleteRange", prefix: "", end: "" }, "end"],
      [{ type: "deleteRange", prefix: 5 }, "prefix"],
      [{ type: "deleteRange", prefix: "", all: "true" }, "all"],
    ];
    for (const [command, field] of cases) {
      expect(validateCommand(command as never), JSON.stringify(command)).toMatchObject({
        kind: "error",
        field,
      });
    }
    expect(
      validateCommand({ type: "range", prefix: "", separator: "/".repeat(MAX_SEPARATOR_BYTES) }),
    ).toBeNull();
  });
});
