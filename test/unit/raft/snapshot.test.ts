import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { agree, awaitLeader, cluster } from "./harness";

function countSnapshots(c: RaftCluster): () => number {
  let n = 0;
  c.network.dropIf = (_from, _to, m) => {
    if (m.type === "snap") n++;
    return false;
  };
  return () => n;
}

function sameState(c: RaftCluster): void {
  const states = c.ids.map((id) => c.replica(id).machine.snapshot().join(","));
  expect(new Set(states).size).toBe(1);
}

describe("snapshots and log compaction", () => {
  it("installs a snapshot on a follower that fell behind the compacted log", () => {
    const c = cluster(3, { snapshotEvery: 20, keepAfterSnapshot: 2 });
    const leader = awaitLeader(c);
    const lagging = c.ids.find((id) => id !== leader) as number;
    c.crash(lagging);
    for (let i = 0; i < 60; i++) agree(c, 2);
    expect(c.replica(leader).host?.log.firstIndex()).toBeGreaterThan(20);
    const snaps = countSnapshots(c);
    c.restart(lagging);
    const index = agree(c, 3);
    expect(snaps()).toBeGreaterThanOrEqual(1);
    expect(c.replica(lagging).status()?.commit).toBeGreaterThanOrEqual(index);
    expect(c.replica(lagging).host?.log.snapshot().meta.index).toBeGreaterThan(20);
    c.runFor(200);
    sameState(c);
    expect(c.violations).toEqual([]);
  });

  it("restarts replicas from their snapshot plus the log tail", () => {
    const c = cluster(3, { snapshotEvery: 10, keepAfterSnapshot: 3, seed: 4 });
    const rng = new Rng(4);
    awaitLeader(c);
    for (let round = 0; round < 15; round++) {
      for (let i = 0; i < 8; i++) agree(c, 2);
      c.crash(rng.pick(c.ids));
      c.runFor(rng.range(0, 200));
      for (const id of c.ids) c.restart(id);
    }
    agree(c, 3);
    c.runFor(200);
    sameState(c);
    for (const id of c.ids)
      expect(c.replica(id).host?.log.snapshot().meta.index).toBeGreaterThan(50);
    expect(c.violations).toEqual([]);
  });

  it("converges when snapshots travel over a lossy, duplicating, reordering network", () => {
    const c = cluster(5, { snapshotEvery: 15, keepAfterSnapshot: 1, seed: 9 });
    const rng = new Rng(9);
    awaitLeader(c);
    const snaps = countSnapshots(c);
    c.network.faults = { drop: 0.2, duplicate: 0.1, delay: 0.3, delayMaxMs: 100 };
    for (let round = 0; round < 10; round++) {
      const victim = rng.pick(c.ids);
      c.isolate(victim);
      for (let i = 0; i < 20; i++) agree(c, 3, 10_000);
      c.heal();
    }
    c.network.faults = { drop: 0, duplicate: 0, delay: 0, delayMaxMs: 0 };
    agree(c, 5, 10_000);
    c.runFor(300);
    expect(snaps()).toBeGreaterThan(3);
    sameState(c);
    expect(c.violations).toEqual([]);
  });
});
