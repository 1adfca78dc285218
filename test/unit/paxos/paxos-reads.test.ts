import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import { checkLinearizable } from "../../../shared/lincheck/index";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";
import { awaitLeader, cluster, countMessages } from "../raft/harness";

type Outcome = CallOutcome<unknown>;
const PAXOS = { name: "paxos" } as const;
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

describe("Paxos reads without a log write", () => {
  it("are confirmed by a commit quorum's heartbeats, or under the opt-in lease by none", () => {
    const reads = (mode: "safe" | "lease") => {
      const c = cluster(3, { engine: PAXOS, readOnly: mode, autoTick: false, latencyMs: [1, 1] });
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

  for (const mode of ["safe", "lease"] as const) {
    it(`are never served (${mode}) by a leader cut off from the rest once another leads`, () => {
      // No quorum check: the cut-off leader keeps believing it leads, so only the read
      // path (the heartbeat round, or the lease running out) keeps it from a stale answer.
      const c = cluster(5, { engine: PAXOS, readOnly: mode, checkQuorum: false });
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
  }

  it("under leases stay linearizable in randomized runs under every fault", () => {
    // The simulator's pauses defer a replica's ticks and replay them on resume, so no
    // clock here runs slow: the one assumption a lease makes (see PaxosOptions.readOnly).
    const faults = FAULT_NAMES;
    for (let seed = 1; seed <= 150; seed++) {
      const { history, summary } = runSimulation({
        seed,
        nodes: 5,
        ops: 200,
        faults,
        engine: PAXOS,
        readOnly: "lease",
      });
      expect(summary.violations, `seed ${seed}`).toEqual([]);
      expect(checkLinearizable(history).ok, `seed ${seed}`).toBe(true);
    }
  }, 300_000);
});
