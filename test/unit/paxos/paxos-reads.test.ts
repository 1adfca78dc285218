import { describe, expect, it } from "vitest";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { FAULT_NAMES } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";
import { cluster, messagesPerRead, readAtCutOffLeader } from "../raft/harness";

const PAXOS = { name: "paxos" } as const;

describe("Paxos reads without a log write", () => {
  it("are confirmed by a commit quorum's heartbeats, or under the opt-in lease by none", () => {
    expect(messagesPerRead({ engine: PAXOS, readOnly: "lease" })).toBe(0);
    expect(messagesPerRead({ engine: PAXOS, readOnly: "safe" })).toBe(4);
  });

  for (const mode of ["safe", "lease"] as const) {
    it(`are never served (${mode}) by a leader cut off from the rest once another leads`, () => {
      // No quorum check: the cut-off leader keeps believing it leads, so only the read
      // path (the heartbeat round, or the lease running out) keeps it from a stale answer.
      const stale = readAtCutOffLeader(
        cluster(5, { engine: PAXOS, readOnly: mode, checkQuorum: false }),
      );
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
