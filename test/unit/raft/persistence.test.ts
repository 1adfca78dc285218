import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { agree, awaitLeader, cluster } from "./harness";

describe("persistence across crashes", () => {
  it("keeps committed entries when every replica crashes and restarts", () => {
    const c = cluster(3);
    awaitLeader(c);
    const before = agree(c, 3);
    for (const id of c.ids) c.crash(id);
    c.runFor(200);
    for (const id of c.ids) c.restart(id);
    const after = agree(c, 3);
    expect(after).toBeGreaterThan(before);
    for (const id of c.ids) expect(c.replica(id).host?.log.term(before)).toBeDefined();
    expect(c.violations).toEqual([]);
  });

  it("survives the leader crashing again and again", () => {
    const c = cluster(3, { seed: 5 });
    let last = 0;
    for (let round = 0; round < 5; round++) {
      const leader = awaitLeader(c);
      last = agree(c, 2);
      c.crash(leader);
      last = Math.max(last, agree(c, 2));
      c.restart(leader);
    }
    expect(agree(c, 3)).toBeGreaterThan(last);
    expect(c.violations).toEqual([]);
  });

  it("survives random crash/restart churn of any replica, including all of them", () => {
    const c = cluster(5, { seed: 8 });
    const rng = new Rng(8);
    awaitLeader(c);
    for (let round = 0; round < 20; round++) {
      const victim = rng.pick(c.ids);
      c.crash(victim);
      if (round % 7 === 6) for (const id of c.ids) c.crash(id);
      c.runFor(rng.range(0, 300));
      for (const id of c.ids) c.restart(id);
      agree(c, 3);
    }
    agree(c, 5);
    expect(c.violations).toEqual([]);
  });
});

/**
 * The labs' "Figure 8" stress: keep proposing while leaders crash at random moments, so
 * that entries of older terms are often left replicated but uncommitted.
 */
function figure8Stress(seed: number, unreliable: boolean): void {
  const c = cluster(5, { seed });
  const rng = new Rng(seed);
  if (unreliable) c.network.faults = { drop: 0.1, duplicate: 0.05, delay: 0.2, delayMaxMs: 100 };
  awaitLeader(c);
  let up = 5;
  for (let i = 0; i < 60; i++) {
    c.runUntil(() => c.leader() !== undefined, 2_000);
    const leader = c.leader();
    if (leader !== undefined) {
      c.replica(leader).submit({ client: 77, seq: i, f: "write", key: "z", value: i }, () => {});
    }
    c.runFor(rng.chance(0.1) ? rng.range(0, 100) : rng.range(0, 13));
    const now = c.leader();
    if (now !== undefined && rng.chance(0.5)) {
      c.crash(now);
      up--;
    }
    if (up < 3) {
      const down = c.ids.filter((id) => !c.replica(id).up);
      c.restart(rng.pick(down));
      up++;
    }
  }
  c.network.faults = { drop: 0, duplicate: 0, delay: 0, delayMaxMs: 0 };
  for (const id of c.ids) c.restart(id);
  agree(c, 5, 10_000);
  expect(c.violations).toEqual([]);
  expect(c.elections).toBeGreaterThan(20);
}

describe("Figure 8 under leader crashes", () => {
  it("stays safe and converges on a reliable network", () => {
    for (const seed of [1, 2, 3]) figure8Stress(seed, false);
  });

  it("stays safe and converges on an unreliable network", () => {
    for (const seed of [4, 5, 6]) figure8Stress(seed, true);
  });
});

describe("unreliable networks and churn", () => {
  it("agrees with 10% drops, duplicates and reordering", () => {
    const c = cluster(5, { seed: 12 });
    c.network.faults = { drop: 0.1, duplicate: 0.1, delay: 0.3, delayMaxMs: 50 };
    awaitLeader(c);
    let prev = 0;
    for (let i = 0; i < 30; i++) {
      const index = agree(c, 5, 10_000);
      expect(index).toBeGreaterThan(prev);
      prev = index;
    }
    expect(c.violations).toEqual([]);
  });

  for (const unreliable of [false, true]) {
    it(`survives churn (crashes, restarts, partitions) on a${unreliable ? "n un" : " "}reliable network`, () => {
      const c = cluster(5, { seed: unreliable ? 21 : 20 });
      const rng = new Rng(unreliable ? 21 : 20);
      if (unreliable) c.network.faults = { drop: 0.1, duplicate: 0.05, delay: 0.2, delayMaxMs: 80 };
      awaitLeader(c);
      for (let round = 0; round < 30; round++) {
        const leader = c.leader();
        if (leader !== undefined) {
          for (let k = 0; k < 3; k++) {
            c.replica(leader).submit(
              { client: 88, seq: round * 3 + k, f: "write", key: "w", value: k },
              () => {},
            );
          }
        }
        const roll = rng.int(3);
        const victim = rng.pick(c.ids);
        if (roll === 0) c.crash(victim);
        else if (roll === 1) c.restart(victim);
        else c.isolate(victim);
        c.runFor(rng.range(20, 200));
        if (rng.chance(0.3)) c.heal();
      }
      c.heal();
      c.network.faults = { drop: 0, duplicate: 0, delay: 0, delayMaxMs: 0 };
      for (const id of c.ids) c.restart(id);
      agree(c, 5, 10_000);
      expect(c.violations).toEqual([]);
    });
  }
});
