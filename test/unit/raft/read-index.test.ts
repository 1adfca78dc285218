import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { awaitLeader, cluster, countMessages } from "./harness";

type Outcome = CallOutcome<unknown>;

/** What an acknowledged write of the register store answers. */
const WRITTEN = { ok: true, value: { ok: true, duplicate: false } };

function write(c: RaftCluster, at: number, seq: number, value: number): Outcome[] {
  const out: Outcome[] = [];
  c.replica(at).submit({ client: 3, seq, f: "write", key: "r", value }, (o) => out.push(o));
  return out;
}

function read(c: RaftCluster, at: number): Outcome[] {
  const out: Outcome[] = [];
  c.replica(at).read("r", (o) => out.push(o));
  return out;
}

describe("ReadIndex reads", () => {
  it("serve the latest acknowledged write; a follower redirects to the leader", () => {
    const c = cluster(3);
    const leader = awaitLeader(c);
    const follower = c.ids.find((id) => id !== leader) as number;
    const w = write(c, leader, 1, 42);
    c.runUntil(() => w.length > 0, 1_000);
    expect(w).toEqual([WRITTEN]);
    expect(read(c, follower)).toEqual([
      { ok: false, reason: "not_leader", leader, voters: [1, 2, 3] },
    ]);
    const r = read(c, leader);
    c.runUntil(() => r.length > 0, 1_000);
    expect(r).toEqual([{ ok: true, value: 42 }]);
  });

  it("are never served by a deposed leader cut off from the majority", () => {
    const c = cluster(5);
    const old = awaitLeader(c);
    const w1 = write(c, old, 1, 1);
    c.runUntil(() => w1.length > 0, 1_000);
    c.isolate(old);
    c.runUntil(() => c.leaders().some((l) => l.id !== old), 3_000);
    const fresh = c.leaders().find((l) => l.id !== old)?.id as number;
    const w2 = write(c, fresh, 2, 2);
    c.runUntil(() => w2.length > 0, 1_000);
    expect(w2).toEqual([WRITTEN]);
    const stale = read(c, old);
    c.runFor(2_000);
    expect(stale).toHaveLength(1);
    expect(stale.filter((o) => o.ok)).toEqual([]);
  });

  it("under the opt-in lease, are answered by the leader without a heartbeat round", () => {
    const reads = (mode: "safe" | "lease") => {
      const c = cluster(3, { readOnly: mode, autoTick: false, latencyMs: [1, 1] });
      c.replica(1).host?.campaign();
      c.runFor(50);
      let r: Outcome[] = [];
      const n = countMessages(c, () => {
        r = read(c, 1);
        c.runFor(50);
      });
      expect(r).toEqual([{ ok: true, value: null }]);
      return n;
    };
    expect(reads("lease")).toBe(0);
    expect(reads("safe")).toBe(4);
  });
});
