import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { NodeId } from "../../../shared/consensus/raft/types";
import { QUIET_SNAPSHOT_MIN_ENTRIES } from "../../../shared/consensus/snapshot-policy";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { awaitLeader, cluster, countMessages, read, WRITTEN, write } from "../raft/harness";

const ENGINES = [{ name: "raft" }, { name: "paxos" }] as const;
const WRITES = 12;

/** A quiet group holding `writes` writes whose every replica was then evicted (restarted). */
function evictedGroup(
  engine: (typeof ENGINES)[number],
  writes = WRITES,
): { c: RaftCluster; leader: NodeId } {
  const c = cluster(3, { engine, quiesceAfterTicks: 20 });
  const leader = awaitLeader(c);
  const acks: CallOutcome<unknown>[] = [];
  for (let seq = 1; seq <= writes; seq++) {
    c.replica(leader).submit({ client: 1, seq, f: "write", key: "k", value: seq }, (o) =>
      acks.push(o),
    );
  }
  c.runUntil(() => acks.length === writes, 5_000);
  expect(acks.every((o) => o.ok)).toBe(true);
  c.runFor(2_000);
  expect(c.ids.every((id) => c.replica(id).status()?.quiesced)).toBe(true);
  for (const id of c.ids) c.crash(id);
  for (const id of c.ids) c.restart(id);
  return { c, leader };
}

describe.each(ENGINES)("a group whose every replica was evicted while idle ($name)", (engine) => {
  it("reports the applied state and the last leader from disk, without waking", () => {
    const { c, leader } = evictedGroup(engine);
    // No timer runs: ten idle seconds pass without a message.
    expect(countMessages(c, () => c.runFor(10_000))).toBe(0);
    for (const id of c.ids) {
      const status = c.replica(id).status();
      expect(status?.state).toBe("evicted");
      expect(status?.lastLeader).toBe(leader);
      expect(status?.lead).toBe(0);
      expect(status?.commit).toBe(status?.lastIndex);
      expect(status?.applied).toBe(status?.lastIndex);
      expect(status?.applied).toBeGreaterThanOrEqual(WRITES);
      // Serializable reads see what was applied before the eviction.
      expect(c.replica(id).machine.read("k")).toBe(WRITES);
    }
  });

  it("snapshots when it goes quiet after enough writes, so a replica loads with little to replay", () => {
    const few = evictedGroup(engine).c;
    for (const id of few.ids) expect(few.replica(id).host?.log.snapshot().meta.index).toBe(0);
    const writes = QUIET_SNAPSHOT_MIN_ENTRIES + 20;
    const { c } = evictedGroup(engine, writes);
    for (const id of c.ids) {
      const status = c.replica(id).status();
      expect(c.replica(id).host?.log.snapshot().meta.index).toBe(status?.lastIndex);
      expect(status?.applied).toBe(status?.lastIndex);
      expect(c.replica(id).machine.read("k")).toBe(writes);
    }
  });

  it("serves the first write at the replica asked, through the election it starts", () => {
    const { c, leader } = evictedGroup(engine);
    const outcomes: CallOutcome<unknown>[] = [];
    const start = c.now;
    c.replica(leader).submit({ client: 2, seq: 1, f: "write", key: "k", value: 99 }, (o) =>
      outcomes.push(o),
    );
    expect(c.runUntil(() => outcomes.length === 1, 1_000)).toBe(true);
    expect(outcomes[0]?.ok).toBe(true);
    // Well inside one election timeout (10 ticks of 10 ms): no timer had to expire.
    expect(c.now - start).toBeLessThan(c.tickMs * 10);
    expect(c.replica(leader).status()?.state).toBe("active");
    expect(c.violations).toEqual([]);
  });

  it("serves the first linearizable read the same way", () => {
    const { c, leader } = evictedGroup(engine);
    const outcomes: CallOutcome<unknown>[] = [];
    c.replica(leader).read("k", (o) => outcomes.push(o));
    expect(c.runUntil(() => outcomes.length === 1, 1_000)).toBe(true);
    expect(outcomes[0]).toEqual({ ok: true, value: WRITES });
  });

  it("refuses a held call once the election cannot settle, and nothing of it is applied", () => {
    const { c, leader } = evictedGroup(engine);
    for (const id of c.ids) if (id !== leader) c.crash(id);
    const outcomes: CallOutcome<unknown>[] = [];
    c.replica(leader).submit({ client: 2, seq: 1, f: "write", key: "k", value: 99 }, (o) =>
      outcomes.push(o),
    );
    expect(outcomes).toEqual([]);
    expect(c.runUntil(() => outcomes.length === 1, 5_000)).toBe(true);
    expect(outcomes[0]).toMatchObject({ ok: false, reason: "not_leader", leader: 0 });
    for (const id of c.ids) c.restart(id);
    awaitLeader(c);
    c.runFor(1_000);
    expect(c.replica(leader).machine.read("k")).toBe(WRITES);
  });
});

describe("a Raft leader restarted while its group was quiet resumes its term", () => {
  it("serves the first write without an election: the term does not move", () => {
    const { c, leader } = evictedGroup(ENGINES[0]);
    const term = c.replica(leader).status()?.term;
    const out = write(c, leader, 1, 7);
    expect(c.runUntil(() => out.length === 1, 1_000)).toBe(true);
    expect(out[0]).toEqual(WRITTEN);
    for (const id of c.ids) expect(c.replica(id).status()?.term).toBe(term);
    expect(c.replica(leader).status()).toMatchObject({ role: "leader", lead: leader });
    expect(c.violations).toEqual([]);
  });

  it("reads what was acknowledged after the commit index last written to disk", () => {
    const { c, leader } = evictedGroup(ENGINES[0]);
    // The group wakes and writes again under the same leader and term; then every replica
    // restarts before it goes quiet, so each disk holds the commit index of the quiet spell.
    const out = write(c, leader, 1, 42);
    expect(c.runUntil(() => out.length === 1, 1_000)).toBe(true);
    expect(out[0]).toEqual(WRITTEN);
    for (const id of c.ids) c.crash(id);
    for (const id of c.ids) c.restart(id);
    expect(c.replica(leader).status()?.applied).toBeLessThan(
      c.replica(leader).status()?.lastIndex ?? 0,
    );
    const got = read(c, leader);
    expect(c.runUntil(() => got.length === 1, 1_000)).toBe(true);
    expect(got[0]).toEqual({ ok: true, value: 42 });
  });

  it("refuses, naming the new leader, when its term moved on while it was gone", () => {
    const { c, leader } = evictedGroup(ENGINES[0]);
    // Only the old leader stays down; a follower asked to serve elects a new one, which writes.
    c.crash(leader);
    const follower = c.ids.find((id) => id !== leader) as NodeId;
    const first = write(c, follower, 1, 1);
    c.runUntil(() => c.leaders().some((l) => l.id !== leader), 3_000);
    const fresh = c.leader() as NodeId;
    const w = write(c, fresh, 2, 2);
    expect(c.runUntil(() => w.length === 1 && first.length === 1, 1_000)).toBe(true);
    expect(w[0]).toEqual(WRITTEN);
    c.restart(leader);
    // The first call starts the resumption; the second arrives while it is unconfirmed.
    const stale = [write(c, leader, 3, 3), write(c, leader, 4, 4)];
    expect(c.runUntil(() => stale.every((out) => out.length === 1), 1_000)).toBe(true);
    // Definite refusals, not `unknown`: nothing of either reached any log.
    for (const out of stale) {
      expect(out[0]).toMatchObject({ ok: false, reason: "not_leader", leader: fresh });
    }
    c.runFor(1_000);
    for (const id of c.ids) expect(c.replica(id).machine.read("r")).toBe(2);
    expect(c.violations).toEqual([]);
  });
});
