import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import { agree, awaitLeader, cluster, countMessages } from "./harness";

const IDLE_WINDOW_MS = 60_000;

const ENGINES = [{ name: "raft" }, { name: "paxos" }] as const;

describe.each(ENGINES)("quiescence ($name)", (engine) => {
  it("sends zero messages over a long idle window once the group is quiet", () => {
    const c = cluster(3, { engine, quiesceAfterTicks: 20 });
    awaitLeader(c);
    agree(c, 3);
    c.runFor(1_000);
    for (const id of c.ids) {
      expect(c.replica(id).status()?.quiesced).toBe(true);
      expect(c.replica(id).host?.nextWakeAt()).toBeNull();
    }
    expect(countMessages(c, () => c.runFor(IDLE_WINDOW_MS))).toBe(0);
    expect(c.elections).toBe(1);
  });

  it("a long poll on a quiet group keeps no timer running and resolves at the applying step", () => {
    const c = cluster(3, { engine, quiesceAfterTicks: 20 });
    const leader = awaitLeader(c);
    agree(c, 3);
    c.runFor(1_000);
    const host = c.replica(leader).host;
    const found: (number | undefined)[] = [];
    const key = "polled";
    host?.observe(
      () => c.replica(leader).machine.read(key) ?? undefined,
      60_000,
      (v) => found.push(v as number | undefined),
    );
    expect(host?.nextWakeAt()).toBeNull();
    expect(countMessages(c, () => c.runFor(5_000))).toBe(0);
    c.replica(leader).submit({ client: 1, seq: 1, f: "write", key, value: 7 }, () => {});
    c.runFor(500);
    expect(found).toEqual([7]);
  });

  it("keeps heartbeating when quiescence is off (the baseline it saves)", () => {
    const c = cluster(3, { engine });
    awaitLeader(c);
    agree(c, 3);
    c.runFor(1_000);
    // One heartbeat and one response per follower per tick.
    expect(countMessages(c, () => c.runFor(IDLE_WINDOW_MS))).toBeGreaterThanOrEqual(
      (IDLE_WINDOW_MS / c.tickMs) * 4,
    );
  });

  it("wakes on the next proposal, commits it, and goes quiet again", () => {
    const c = cluster(3, { engine, quiesceAfterTicks: 20 });
    awaitLeader(c);
    agree(c, 3);
    c.runFor(1_000);
    const index = agree(c, 3, 500);
    expect(index).toBeGreaterThan(1);
    expect(c.elections).toBe(1);
    c.runFor(1_000);
    expect(countMessages(c, () => c.runFor(10_000))).toBe(0);
  });

  it("a quiet follower asked to serve while the leader is gone campaigns and takes over", () => {
    const c = cluster(3, { engine, quiesceAfterTicks: 20 });
    const leader = awaitLeader(c);
    agree(c, 3);
    c.runFor(1_000);
    c.crash(leader);
    // Nobody notices while idle: no timers run.
    expect(countMessages(c, () => c.runFor(10_000))).toBe(0);
    expect(c.leader()).toBeUndefined();
    const follower = c.ids.find((id) => id !== leader) as number;
    const outcome: CallOutcome<unknown>[] = [];
    c.replica(follower).read("x", (o) => outcome.push(o));
    expect(c.runUntil(() => c.leader() !== undefined, 1_000)).toBe(true);
    expect(c.leader()).not.toBe(leader);
    agree(c, 2);
    expect(c.violations).toEqual([]);
  });
});
