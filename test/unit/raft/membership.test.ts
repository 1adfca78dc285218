import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { ConfChange } from "../../../shared/consensus/raft/conf-change";
import type { ConfState } from "../../../shared/consensus/raft/types";
import { Rng } from "../../../shared/rng";
import type { RaftCluster } from "../../../shared/sim/cluster";
import { agree, awaitLeader, cluster } from "./harness";

/** Proposes `cc` at the leader until it is applied there; returns the new membership. */
function change(c: RaftCluster, cc: ConfChange, maxMs = 10_000): ConfState {
  const deadline = c.now + maxMs;
  while (c.now < deadline) {
    const leader = c.leader();
    const host = leader === undefined ? undefined : c.replica(leader).host;
    if (host) {
      let outcome: CallOutcome<ConfState> | undefined;
      host.changeMembership(cc, (o) => {
        outcome = o;
      });
      c.runUntil(() => outcome !== undefined, 1_000);
      if (outcome?.ok) return outcome.value;
    }
    c.runFor(50);
  }
  throw new Error(`membership change ${JSON.stringify(cc)} not applied`);
}

/** Adds `id` as a learner, waits for it to catch up, then promotes it. */
function addVoter(c: RaftCluster, id: number): ConfState {
  change(c, { type: "addLearner", node: id });
  return change(c, { type: "promote", node: id });
}

function confsOfRunning(c: RaftCluster, ids: number[]): string[] {
  return ids.map((id) => JSON.stringify(c.replica(id).status()?.conf));
}

describe("membership changes", () => {
  it("grows 3 → 5 through caught-up learners, and the new majority commits", () => {
    const c = cluster(3, { spares: 2 });
    awaitLeader(c);
    agree(c, 3);
    expect(addVoter(c, 4).voters).toEqual([1, 2, 3, 4]);
    expect(addVoter(c, 5).voters).toEqual([1, 2, 3, 4, 5]);
    agree(c, 5);
    // Two of the original three cut off: 3 of 5 still form a majority.
    const leader = c.leader() as number;
    const cut = [1, 2, 3].filter((id) => id !== leader).slice(0, 2);
    c.partition([cut, c.ids.filter((id) => !cut.includes(id))]);
    agree(c, 3);
    c.heal();
    agree(c, 5);
    expect(new Set(confsOfRunning(c, c.ids)).size).toBe(1);
    expect(c.violations).toEqual([]);
  });

  it("refuses to promote a learner that has not caught up", () => {
    const c = cluster(3, { spares: 1 });
    awaitLeader(c);
    change(c, { type: "addLearner", node: 4 });
    c.isolate(4);
    for (let i = 0; i < 5; i++) agree(c, 3);
    const leader = c.leader() as number;
    let refused: CallOutcome<ConfState> | undefined;
    c.replica(leader).host?.changeMembership({ type: "promote", node: 4 }, (o) => {
      refused = o;
    });
    expect(refused).toEqual({
      ok: false,
      reason: "unavailable",
      detail: "learner 4 has not caught up",
    });
    c.heal();
    expect(change(c, { type: "promote", node: 4 }).voters).toEqual([1, 2, 3, 4]);
  });

  it("shrinks and regrows while messages drop and replicas crash", () => {
    const c = cluster(5, { spares: 1, seed: 6 });
    const rng = new Rng(6);
    awaitLeader(c);
    c.network.faults = { drop: 0.05, duplicate: 0.05, delay: 0.2, delayMaxMs: 60 };
    const chaos = () => {
      const victim = rng.pick(c.ids.filter((id) => id !== c.leader()));
      c.crash(victim);
      c.runFor(rng.range(0, 150));
      c.restart(victim);
    };
    // Remove a follower, add a new replica, remove the original leader (after handing over).
    let leader = c.leader() as number;
    const gone = c.ids.find((id) => id !== leader && id <= 5) as number;
    chaos();
    expect(change(c, { type: "remove", node: gone }).voters).not.toContain(gone);
    chaos();
    expect(addVoter(c, 6).voters).toContain(6);
    chaos();
    leader = c.leader() as number;
    const heir = c.ids.find((id) => id !== leader && id !== gone) as number;
    c.replica(leader).host?.transferLeadership(heir, () => {});
    c.runUntil(() => c.leader() !== undefined && c.leader() !== leader, 2_000);
    const conf = change(c, { type: "remove", node: leader });
    expect(conf.voters).toHaveLength(4);
    expect(conf.voters).not.toContain(leader);
    c.network.faults = { drop: 0, duplicate: 0, delay: 0, delayMaxMs: 0 };
    agree(c, 4);
    c.runFor(500);
    expect(new Set(confsOfRunning(c, conf.voters)).size).toBe(1);
    expect(c.violations).toEqual([]);
  });
});
