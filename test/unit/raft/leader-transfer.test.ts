import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import { agree, awaitLeader, cluster } from "./harness";

describe("leader transfer", () => {
  it("hands leadership to a chosen follower within one election timeout", () => {
    const c = cluster(5);
    const leader = awaitLeader(c);
    agree(c, 5);
    const target = c.ids.find((id) => id !== leader) as number;
    const term = c.replica(leader).status()?.term as number;
    c.replica(leader).host?.transferLeadership(target, () => {});
    expect(c.runUntil(() => c.leader() === target, 10 * c.tickMs)).toBe(true);
    expect(c.replica(target).status()?.term).toBe(term + 1);
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
    c.replica(leader).host?.transferLeadership(target, () => {});
    expect(c.runUntil(() => c.leader() === target, 500)).toBe(true);
    expect(c.replica(target).status()?.commit).toBeGreaterThanOrEqual(last);
    expect(c.violations).toEqual([]);
  });

  it("gives up on an unreachable target and keeps serving", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const target = c.ids.find((id) => id !== leader) as number;
    c.isolate(target);
    c.replica(leader).host?.transferLeadership(target, () => {});
    // Proposals are refused while the transfer is pending...
    let refused: CallOutcome<unknown> | undefined;
    c.replica(leader).submit({ client: 1, seq: 1, f: "write", key: "t", value: 1 }, (o) => {
      refused = o;
    });
    expect(refused).toMatchObject({ ok: false, reason: "unavailable" });
    expect(refused && !refused.ok && "detail" in refused && refused.detail).toMatch(/moving to/);
    c.runFor(300);
    // ...and accepted again once it is abandoned after an election timeout.
    expect(c.leader()).toBe(leader);
    expect(c.replica(leader).status()?.leadTransferee).toBe(0);
    agree(c, 2);
  });
});
