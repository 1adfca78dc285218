import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { RaftOptions } from "../../../shared/consensus/raft/options";
import { Raft } from "../../../shared/consensus/raft/raft";
import type { HistoryEvent } from "../../../shared/lincheck/history";
import { checkLinearizable } from "../../../shared/lincheck/index";
import type { RaftCluster } from "../../../shared/sim/cluster";
import type { RegisterResult } from "../../../shared/sim/register-machine";
import { cluster } from "./harness";
import { CommitsOldTermEntriesByCounting } from "./planted-bugs";

function settle(c: RaftCluster): void {
  c.runFor(30);
}

function elect(c: RaftCluster, id: number): void {
  for (let attempt = 0; attempt < 5 && c.replica(id).status()?.role !== "leader"; attempt++) {
    c.replica(id).host?.campaign();
    settle(c);
  }
  expect(c.replica(id).status()?.role).toBe("leader");
}

/**
 * The paper's Figure 8, driven by hand on 5 replicas (S1..S5): an entry of term t is
 * replicated to a majority by a later leader of term t' > t. Counting replicas would
 * commit it; S5 can then be elected and overwrite it.
 */
function runFigure8(makeRaft: (o: RaftOptions) => Raft) {
  const c = cluster(5, {
    autoTick: false,
    latencyMs: [1, 1],
    checkQuorum: false,
    maxEntriesPerMsg: 1,
    makeRaft,
  });
  const history: HistoryEvent[] = [];
  elect(c, 1);
  // (a) S1 (term 1) replicates the client's write at index 2 to S2 only.
  c.partition([
    [1, 2],
    [3, 4, 5],
  ]);
  history.push({ process: 0, type: "invoke", f: "write", key: "x", value: 1, time: c.now });
  const write = { client: 0, seq: 0, f: "write", key: "x", value: 1 } as const;
  // A retry that finds its write applied already is acknowledged too.
  const acknowledge = (o: CallOutcome<RegisterResult>) => {
    if (o.ok && (o.value.ok || o.value.duplicate))
      history.push({ process: 0, type: "ok", f: "write", key: "x", value: 1, time: c.now });
  };
  c.replica(1).submit(write, acknowledge);
  settle(c);
  // (b) S1 crashes; S5 wins term 2 with S3 and S4 and appends index 2 locally only.
  c.crash(1);
  c.heal();
  c.network.dropIf = (from, _to, m) => from === 5 && m.type === "app";
  elect(c, 5);
  c.crash(5);
  // (c) S1 returns and wins term 3 with S2 and S4; the client, cut off by the crash,
  // retries the same write (applied at most once). Then S1's probe copies index 2 to S3,
  // but nothing of term 3 reaches S3 or S4.
  const s3HasIndex2 = () => (c.replica(3).status()?.lastIndex ?? 0) >= 2;
  c.network.dropIf = (from, to, m) =>
    from === 1 &&
    m.type === "app" &&
    (to === 4 || (to === 3 && s3HasIndex2() && m.entries.some((e) => e.index >= 3)));
  c.partition([[1], [3]]);
  c.restart(1);
  elect(c, 1);
  c.replica(1).submit(write, acknowledge);
  settle(c);
  c.heal();
  c.tick(1);
  settle(c);
  // (d) S1 crashes; S5 returns, wins with S3 and S4, and overwrites index 2.
  c.crash(1);
  c.network.dropIf = undefined;
  c.heal();
  c.restart(5);
  elect(c, 5);
  settle(c);
  history.push({ process: 1, type: "invoke", f: "read", key: "x", value: null, time: c.now });
  c.replica(5).read("x", (o) => {
    if (o.ok)
      history.push({
        process: 1,
        type: "ok",
        f: "read",
        key: "x",
        value: o.value,
        time: c.now,
      });
  });
  settle(c);
  return { c, history };
}

describe("Figure 8: committing only entries of the current term", () => {
  it("catches a core that commits an old-term entry by counting replicas", () => {
    const { c, history } = runFigure8((o) => new CommitsOldTermEntriesByCounting(o));
    // The broken leader S1 committed and applied the write in term 3, then S5 overwrote
    // it. The production host told the client "unknown" when S1 lost leadership (its
    // waiter cannot survive that), so the history alone cannot show the loss: the
    // simulator's applied-index check does, and S5's read shows the write gone.
    expect(c.violations.some((v) => v.includes("applied index 2"))).toBe(true);
    expect(history.map((e) => `${e.f}:${e.type}`)).toEqual([
      "write:invoke",
      "read:invoke",
      "read:ok",
    ]);
    expect(history[2]?.value).toBeNull();
  });

  it("never acknowledges that write with the correct core, so the same schedule stays linearizable", () => {
    const { c, history } = runFigure8((o) => new Raft(o));
    expect(history.map((e) => `${e.f}:${e.type}`)).toEqual([
      "write:invoke",
      "read:invoke",
      "read:ok",
    ]);
    expect(c.violations).toEqual([]);
    expect(checkLinearizable(history).ok).toBe(true);
  });
});
