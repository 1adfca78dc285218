import { describe, expect, it } from "vitest";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { agree, awaitLeader, cluster, committedCount, countMessages } from "./harness";

function followersOf(c: RaftCluster, leader: number): number[] {
  return c.ids.filter((id) => id !== leader);
}

/** Proposes at `leader` without waiting; returns the entry's (index, term). */
function proposeAt(c: RaftCluster, leader: number, value: number): { index: number; term: number } {
  c.replica(leader).submit({ client: 500, seq: value, f: "write", key: "y", value }, () => {});
  const status = c.replica(leader).status();
  if (!status) throw new Error("leader is down");
  return { index: status.lastIndex, term: status.term };
}

describe("log replication", () => {
  it("reaches agreement on every replica, one entry after another", () => {
    const c = cluster(3);
    awaitLeader(c);
    let prev = 0;
    for (let i = 0; i < 3; i++) {
      const index = agree(c, 3);
      expect(index).toBeGreaterThan(prev);
      prev = index;
    }
    expect(c.violations).toEqual([]);
  });

  it("agrees despite a failed follower, and not once a majority has failed", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const [f1, f2] = followersOf(c, leader) as [number, number];
    c.isolate(f1);
    agree(c, 2);
    agree(c, 2);
    c.isolate(f2);
    const stuck = proposeAt(c, leader, 1);
    c.runFor(2_000);
    expect(committedCount(c, stuck.index, stuck.term)).toBeLessThanOrEqual(1);
    c.heal();
    agree(c, 3);
    expect(c.violations).toEqual([]);
  });

  it("commits nothing with 3 of 5 cut off, and recovers after healing", () => {
    const c = cluster(5);
    const leader = awaitLeader(c);
    agree(c, 5);
    const cut = followersOf(c, leader).slice(0, 3);
    c.partition([cut, c.ids.filter((id) => !cut.includes(id))]);
    const stuck = proposeAt(c, leader, 2);
    c.runFor(2_000);
    expect(committedCount(c, stuck.index, stuck.term)).toBe(0);
    c.heal();
    agree(c, 5);
    expect(c.violations).toEqual([]);
  });

  it("commits concurrent proposals at distinct indexes", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const entries = Array.from({ length: 20 }, (_, i) => proposeAt(c, leader, 100 + i));
    c.runFor(500);
    expect(new Set(entries.map((e) => e.index)).size).toBe(20);
    for (const e of entries) expect(committedCount(c, e.index, e.term)).toBe(3);
  });

  it("discards a rejoining old leader's uncommitted entries", () => {
    const c = cluster(3);
    const l1 = awaitLeader(c);
    agree(c, 3);
    c.isolate(l1);
    const orphans = [proposeAt(c, l1, 11), proposeAt(c, l1, 12), proposeAt(c, l1, 13)];
    c.runFor(1_000);
    const l2 = awaitLeader(c);
    expect(l2).not.toBe(l1);
    agree(c, 2);
    c.heal();
    c.isolate(l2);
    agree(c, 2);
    c.heal();
    agree(c, 3);
    for (const o of orphans) expect(committedCount(c, o.index, o.term)).toBe(0);
    expect(c.violations).toEqual([]);
  });

  it("backs followers up over 50 divergent entries with a handful of probes", () => {
    const c = cluster(5, { maxEntriesPerMsg: 64 });
    const l1 = awaitLeader(c);
    agree(c, 5);
    const [f1, f2, f3, f4] = followersOf(c, l1) as [number, number, number, number];
    // l1 and f1 accumulate 50 entries that will never commit.
    c.partition([
      [l1, f1],
      [f2, f3, f4],
    ]);
    for (let i = 0; i < 50; i++) proposeAt(c, l1, 1_000 + i);
    c.runFor(500);
    // The other three commit 50 entries of their own.
    const l2 = awaitLeader(c);
    for (let i = 0; i < 50; i++) proposeAt(c, l2, 2_000 + i);
    agree(c, 3);
    // A survivor of that majority leads l1 and f1, whose logs diverge over 50 entries.
    const survivor = [f2, f3, f4].find((id) => id !== l2) as number;
    c.heal();
    c.partition([[l1, f1, survivor], [f2, f3, f4].filter((id) => id !== survivor)]);
    let rejections = 0;
    c.network.dropIf = (_from, _to, m) => {
      if (m.type === "appResp" && m.reject) rejections++;
      return false;
    };
    agree(c, 3);
    expect(c.leader()).toBe(survivor);
    expect(c.replica(l1).status()?.lastIndex).toBe(c.replica(survivor).status()?.lastIndex);
    // Term hints skip a whole term per probe: a couple of rejections, not one per entry.
    expect(rejections).toBeGreaterThan(0);
    expect(rejections).toBeLessThanOrEqual(6);
    c.heal();
    agree(c, 5);
    expect(c.violations).toEqual([]);
  });

  it("spends at most 42 messages on 10 sequential agreements among 3 replicas", () => {
    const c = cluster(3, { autoTick: false, latencyMs: [1, 1] });
    c.replica(1).host?.campaign();
    c.runFor(50);
    expect(c.leader()).toBe(1);
    const n = countMessages(c, () => {
      for (let i = 0; i < 10; i++) {
        const { index, term } = proposeAt(c, 1, i);
        c.runUntil(() => committedCount(c, index, term) >= 1, 100);
        expect(c.replica(1).status()?.commit).toBe(index);
      }
    });
    expect(n).toBeLessThanOrEqual(42);
  });
});
