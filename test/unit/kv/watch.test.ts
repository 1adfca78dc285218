import { describe, expect, it } from "vitest";
import { MAX_WATCH_EVENTS } from "../../../shared/kv/index";
import { WatchHistory } from "../../../shared/kv/watch-history";
import { KvHarness } from "./kv-harness";

describe("watch history", () => {
  it("replays put and delete events from a revision, filtered by prefix", () => {
    const h = new KvHarness();
    h.put("app/a", "1");
    h.put("other", "1");
    h.put("app/a", "2");
    h.del("app/a");
    const events = h.kv.eventsSince(2, "app/");
    expect(events).toEqual({
      kind: "events",
      revision: 4,
      events: [
        { type: "put", key: "app/a", value: "2", revision: 3, createRevision: 1, version: 2 },
        { type: "delete", key: "app/a", revision: 4 },
      ],
    });
    const all = h.kv.eventsSince(1);
    expect(all.kind === "events" && all.events.length).toBe(4);
  });

  it("answers compacted below the compaction point and keeps events from it on", () => {
    const h = new KvHarness();
    for (let i = 1; i <= 5; i++) h.put("k", String(i));
    expect(h.ok("compact", { type: "compact", revision: 3 })).toEqual({
      kind: "compact",
      compactRevision: 3,
      revision: 5,
    });
    expect(h.kv.eventsSince(2)).toMatchObject({
      kind: "error",
      code: "compacted",
      field: "fromRevision",
    });
    const kept = h.kv.eventsSince(3);
    expect(kept.kind === "events" && kept.events.map((e) => e.revision)).toEqual([3, 4, 5]);
    expect(h.kv.get("k").item?.value).toBe("5");
  });

  it("refuses to compact to the future or backwards", () => {
    const h = new KvHarness();
    h.put("k", "1");
    h.put("k", "2");
    expect(h.run({ type: "compact", revision: 3 })).toMatchObject({ code: "future_revision" });
    h.ok("compact", { type: "compact", revision: 2 });
    expect(h.run({ type: "compact", revision: 1 })).toMatchObject({ code: "compacted" });
    expect(h.kv.compactRevision).toBe(2);
  });

  it(`keeps at most ${MAX_WATCH_EVENTS} events, compacting whole revisions from the oldest`, () => {
    const h = new KvHarness();
    for (let i = 0; i < MAX_WATCH_EVENTS + 10; i++) h.put(`k${i % 100}`, String(i));
    expect(h.kv.compactRevision).toBe(11);
    expect(h.kv.eventsSince(10)).toMatchObject({ code: "compacted" });
    const kept = h.kv.eventsSince(11);
    expect(kept.kind === "events" && kept.events.length).toBe(MAX_WATCH_EVENTS);
  });

  it("drops a txn's events together when trimming", () => {
    const history = new WatchHistory([], 0, { events: 3, bytes: 1_000 });
    const del = (key: string, revision: number) => ({ type: "delete" as const, key, revision });
    history.record([del("a", 1), del("b", 1)]);
    history.record([del("c", 2), del("d", 2)]);
    expect(history.compactRevision).toBe(2);
    expect(history.since(2, "")).toEqual({ events: [del("c", 2), del("d", 2)] });
  });

  it("bounds the bytes of keys and values kept", () => {
    const history = new WatchHistory([], 0, { events: 100, bytes: 10 });
    const put = (value: string, revision: number) => ({
      type: "put" as const,
      key: "k",
      value,
      revision,
      createRevision: 1,
      version: revision,
    });
    history.record([put("1234", 1)]); // 5 bytes
    history.record([put("€€", 2)]); // 7 bytes: 12 in all, over 10
    expect(history.compactRevision).toBe(2);
    expect(history.all()).toEqual([put("€€", 2)]);
    history.record([put("x".repeat(20), 3)]);
    expect(history.all()).toEqual([]);
    expect(history.compactRevision).toBe(4);
  });
});
