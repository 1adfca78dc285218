import { describe, expect, it } from "vitest";
import {
  awaitLeader,
  cluster,
  messagesPerRead,
  read,
  readAtCutOffLeader,
  WRITTEN,
  write,
} from "./harness";

describe("ReadIndex reads", () => {
  it("serve the latest acknowledged write; a follower redirects to the leader", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const follower = c.ids.find((id) => id !== leader) as number;
    const w = write(c, leader, 1, 42);
    c.runUntil(() => w.length > 0, 1_000);
    expect(w).toEqual([WRITTEN]);
    expect(read(c, follower)).toEqual([
      { ok: false, reason: "not_leader", leader, voters: [1, 2, 3] },
    ]);
    const r = read(c, leader);
    c.runUntil(() => r.length > 0, 1_000);
    expect(r).toEqual([{ ok: true, value: 42 }]);
  });

  it("are never served by a deposed leader cut off from the majority", () => {
    const stale = readAtCutOffLeader(cluster(5));
    expect(stale).toHaveLength(1);
    expect(stale.filter((o) => o.ok)).toEqual([]);
  });

  it("under the opt-in lease, are answered by the leader without a heartbeat round", () => {
    expect(messagesPerRead({ readOnly: "lease" })).toBe(0);
    expect(messagesPerRead({ readOnly: "safe" })).toBe(4);
  });
});
