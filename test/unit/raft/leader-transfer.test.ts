import { describe, expect, it } from "vitest";
import { agree, awaitLeader, cluster } from "./harness";

describe("leader transfer", () => {
  it("hands leadership to a chosen follower within one election timeout", () => {
    const c = cluster(5);
    const leader = awaitLeader(c);
    agree(c, 5);
    const target = c.ids.find((id) => id !== leader) as number;
    const term = c.replica(leader).node?.raft.term as number;
    c.replica(leader).node?.transferLeader(target);
    c.replica(leader).process();
    expect(c.runUntil(() => c.leader() === target, 10 * c.tickMs)).toBe(true);
    expect(c.replica(target).node?.raft.term).toBe(term + 1);
    expect(c.leaders()).toHaveLength(1);
    agree(c, 5);
    expect(c.violations).toEqual([]);
  });

  it("first brings a lagging target up to date", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const target = c.ids.find((id) => id !== leader) as number;
    c.isolate(target);
    let last = 0;
    for (let i = 0; i < 10; i++) last = agree(c, 2);
    c.heal();
    c.replica(leader).node?.transferLeader(target);
    c.replica(leader).process();
    expect(c.runUntil(() => c.leader() === target, 500)).toBe(true);
    expect(c.replica(target).node?.raft.log.committed).toBeGreaterThanOrEqual(last);
    expect(c.violations).toEqual([]);
  });

  it("gives up on an unreachable target and keeps serving", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const target = c.ids.find((id) => id !== leader) as number;
    c.isolate(target);
    c.replica(leader).node?.transferLeader(target);
    c.replica(leader).process();
    // Proposals are refused while the transfer is pending...
    expect(c.replica(leader).node?.propose(new Uint8Array([1]))).toBe(false);
    c.runFor(300);
    // ...and accepted again once it is abandoned after an election timeout.
    expect(c.leader()).toBe(leader);
    expect(c.replica(leader).node?.raft.leadTransferee).toBe(0);
    agree(c, 2);
  });
});
