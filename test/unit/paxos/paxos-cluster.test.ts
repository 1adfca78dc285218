import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { agree, awaitLeader, cluster, countMessages } from "../raft/harness";

const PAXOS = { name: "paxos" } as const;
const FLEXIBLE = { name: "paxos", quorums: { phase1: 4, phase2: 2 } } as const;

function sameState(c: RaftCluster): void {
  const states = c.ids.map((id) => c.replica(id).machine.snapshot().join(","));
  expect(new Set(states).size).toBe(1);
}

describe("a Multi-Paxos group in the simulator", () => {
  it("elects one leader and commits on every replica", () => {
    const c = cluster(5, { engine: PAXOS });
    const leader = awaitLeader(c);
    const index = agree(c, 5);
    expect(c.replica(leader).status()?.role).toBe("leader");
    expect(c.replica(leader).status()?.ballot?.replica).toBe(leader);
    for (const id of c.ids) expect(c.replica(id).status()?.commit).toBeGreaterThanOrEqual(index);
    expect(c.violations).toEqual([]);
  });

  it("with quorums 4/2 commits while three of five replicas are down, but cannot elect", () => {
    const c = cluster(5, { engine: FLEXIBLE });
    const leader = awaitLeader(c);
    agree(c, 5);
    const others = c.ids.filter((id) => id !== leader);
    for (const id of others.slice(0, 3)) c.crash(id);
    agree(c, 2); // the leader and one acceptor choose it
    c.crash(leader);
    c.runFor(3_000);
    expect(c.leader()).toBeUndefined(); // one replica left: no election quorum of four
    for (const id of others.slice(0, 3)) c.restart(id);
    expect(c.runUntil(() => c.leader() !== undefined, 3_000)).toBe(true);
    agree(c, 4);
    expect(c.violations).toEqual([]);
  });

  it("catches up a follower restarted from its disk while the same leader goes on", () => {
    const c = cluster(3, { engine: PAXOS });
    const leader = awaitLeader(c);
    agree(c, 3);
    agree(c, 3);
    const follower = c.ids.find((id) => id !== leader) as number;
    c.crash(follower);
    c.restart(follower);
    for (let i = 0; i < 20; i++) agree(c, 2);
    const index = agree(c, 3);
    expect(c.leader()).toBe(leader);
    expect(c.replica(follower).status()?.commit).toBeGreaterThanOrEqual(index);
    // Caught up, the leader stops resending: a handful of messages per write, no storm.
    const sent = countMessages(c, () => c.runFor(1_000));
    expect(sent).toBeLessThan((1_000 / c.tickMs) * 2 * 2 + 10);
    expect(c.violations).toEqual([]);
  });

  it("brings a replica that fell behind the compacted log up by snapshot", () => {
    const c = cluster(3, { engine: PAXOS, snapshotEvery: 20, keepAfterSnapshot: 2 });
    let snapshots = 0;
    c.network.dropIf = (_from, _to, m) => {
      if (m.type === "snapshot") snapshots++;
      return false;
    };
    const leader = awaitLeader(c);
    const lagging = c.ids.find((id) => id !== leader) as number;
    c.crash(lagging);
    for (let i = 0; i < 60; i++) agree(c, 2);
    expect(c.replica(leader).host?.log.firstIndex()).toBeGreaterThan(20);
    c.restart(lagging);
    const index = agree(c, 3);
    expect(snapshots).toBeGreaterThanOrEqual(1);
    expect(c.replica(lagging).status()?.commit).toBeGreaterThanOrEqual(index);
    expect(c.replica(lagging).host?.log.snapshot().meta.index).toBeGreaterThan(20);
    c.runFor(200);
    sameState(c);
    expect(c.violations).toEqual([]);
  });

  it("hands leadership over, then adds and removes a member through the log", () => {
    const c = cluster(3, { engine: PAXOS, spares: 3 });
    const leader = awaitLeader(c);
    agree(c, 3);
    const target = c.ids.find((id) => id !== leader && id <= 3) as number;
    const moved: CallOutcome<{ leader: number }>[] = [];
    c.replica(leader).host?.transferLeadership(target, (o) => moved.push(o));
    expect(c.runUntil(() => moved.length > 0, 2_000)).toBe(true);
    expect(moved[0]).toEqual({ ok: true, value: { leader: target } });
    const added: CallOutcome<unknown>[] = [];
    c.replica(target).host?.addMember(4, (o) => added.push(o));
    expect(c.runUntil(() => added.length > 0, 3_000)).toBe(true);
    expect(added[0]?.ok).toBe(true);
    expect(c.replica(target).status()?.conf.voters).toEqual([1, 2, 3, 4]);
    agree(c, 4);
    const refusals: CallOutcome<unknown>[] = [];
    c.replica(target).host?.removeMember(target, (o) => refusals.push(o));
    c.replica(target).host?.changeMembership({ type: "addLearner", node: 5 }, () => {});
    c.replica(target).host?.changeMembership({ type: "addLearner", node: 6 }, (o) =>
      refusals.push(o),
    );
    expect(refusals.map((o) => !o.ok && o.reason)).toEqual(["invalid", "unavailable"]);
    c.runFor(1_000);
    const removed: CallOutcome<unknown>[] = [];
    c.replica(target).host?.removeMember(leader, (o) => removed.push(o));
    expect(c.runUntil(() => removed.length > 0, 3_000)).toBe(true);
    expect(removed[0]?.ok).toBe(true);
    expect(c.replica(target).status()?.conf.voters).not.toContain(leader);
    agree(c, 3);
    expect(c.violations).toEqual([]);
  });
});
