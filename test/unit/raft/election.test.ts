import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { awaitLeader, cluster, countMessages } from "./harness";

describe("leader election", () => {
  it("elects exactly one leader and keeps its term while the network is healthy", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const term = c.replica(leader).status()?.term;
    c.runFor(5_000);
    expect(c.leaders()).toEqual([{ id: leader, term }]);
    expect(c.elections).toBe(1);
    expect(c.violations).toEqual([]);
  });

  it("re-elects when the leader is cut off, and the old leader steps down on rejoining", () => {
    const c = cluster(3);
    const first = awaitLeader(c);
    c.isolate(first);
    c.runFor(1_000);
    const others = c.leaders().filter((l) => l.id !== first);
    expect(others).toHaveLength(1);
    // Check-quorum: the cut-off leader no longer believes it leads.
    expect(c.leaders().map((l) => l.id)).not.toContain(first);
    c.heal();
    c.runFor(1_000);
    expect(c.leaders()).toHaveLength(1);
    expect(c.violations).toEqual([]);
  });

  it("elects no leader without a quorum and one as soon as a quorum is back", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const [a, b] = [1, 2, 3].filter((id) => id !== leader) as [number, number];
    c.partition([[leader], [a], [b]]);
    c.runFor(3_000);
    expect(c.leaders()).toEqual([]);
    c.heal();
    c.partition([[leader], [a, b]]);
    c.runFor(2_000);
    expect(
      c
        .leaders()
        .map((l) => l.id)
        .filter((id) => id === a || id === b),
    ).toHaveLength(1);
    expect(c.violations).toEqual([]);
  });

  it("survives ten rounds of three random replicas out of seven being cut off", () => {
    const c = cluster(7, { seed: 3 });
    const rng = new Rng(99);
    awaitLeader(c);
    for (let round = 0; round < 10; round++) {
      const ids = [1, 2, 3, 4, 5, 6, 7];
      const out: number[] = [];
      while (out.length < 3) {
        const id = ids.splice(rng.int(ids.length), 1)[0] as number;
        out.push(id);
      }
      c.partition([out, ids]);
      c.runFor(1_500);
      const inMajority = c.leaders().filter((l) => ids.includes(l.id));
      expect(inMajority).toHaveLength(1);
      c.heal();
      c.runFor(300);
    }
    expect(c.violations).toEqual([]);
  });

  it("spends at most 30 messages on a 3-replica election, including the first commit", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = cluster(3, { seed });
      const n = countMessages(c, () => {
        c.runUntil(() => {
          const l = c.leader();
          const replica = l === undefined ? undefined : c.replica(l);
          const status = replica?.status();
          return status !== undefined && replica?.host?.log.term(status.commit) === status.term;
        }, 3_000);
      });
      expect(c.leader()).toBeDefined();
      expect(n).toBeLessThanOrEqual(30);
    }
  });
});
