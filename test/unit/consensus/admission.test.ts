import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import { awaitLeader, cluster } from "../raft/harness";

describe.each([
  { name: "raft" },
  { name: "paxos" },
] as const)("admission control at the leader ($name)", (engine) => {
  it("refuses writes beyond the bound at once, and serves those it admitted", () => {
    const c = cluster(3, { engine, batchCalls: true, maxWaitingWrites: 4 });
    const leader = c.replica(awaitLeader(c));
    const outcomes: CallOutcome<unknown>[] = [];
    for (let seq = 1; seq <= 10; seq++) {
      leader.submit({ client: 1, seq, f: "write", key: "k", value: seq }, (o) => outcomes.push(o));
    }
    // The refusals come back before anything commits: nothing of theirs was proposed.
    expect(outcomes.map((o) => !o.ok && o.reason)).toEqual(Array(6).fill("overloaded"));
    c.runUntil(() => outcomes.length === 10, 1_000);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(4);
    expect(leader.machine.read("k")).toBe(4);
  });

  it("bounds reads separately from writes", () => {
    const c = cluster(3, { engine, batchCalls: true, maxWaitingWrites: 2, maxWaitingReads: 3 });
    const leader = c.replica(awaitLeader(c));
    const writes: CallOutcome<unknown>[] = [];
    const reads: CallOutcome<unknown>[] = [];
    for (let seq = 1; seq <= 2; seq++) {
      leader.submit({ client: 1, seq, f: "write", key: "k", value: seq }, (o) => writes.push(o));
    }
    for (let i = 0; i < 5; i++) leader.read("k", (o) => reads.push(o));
    expect(writes).toEqual([]);
    expect(reads.map((o) => !o.ok && o.reason)).toEqual(["overloaded", "overloaded"]);
    c.runUntil(() => reads.length === 5 && writes.length === 2, 1_000);
    expect(writes.every((o) => o.ok)).toBe(true);
    expect(reads.filter((o) => o.ok)).toHaveLength(3);
  });
});
