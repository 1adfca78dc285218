import { describe, expect, it } from "vitest";
import { MembershipView } from "../../../shared/dht/membership-view";
import { snapshotOf } from "../../../shared/dht/ring-membership";
import { membersAround, type RepairPlanner, repairOrder } from "../../../shared/dht/ring-repair";
import { Rng } from "../../../shared/rng";
import { type ChurnOptions, churn, unreadKeys, untilQuiet } from "./ring-harness";

/** Seeds per overlay; each run is a fresh ring with its own size, r and virtual nodes. */
const CHORD_RUNS = 60;
const KADEMLIA_RUNS = 20;

function options(seed: number, overlay: "chord" | "kademlia"): ChurnOptions {
  return {
    overlay,
    nodes: 6 + (seed % 10),
    replication: 2 + (seed % 3),
    virtualNodes: 1 + (seed % 3),
    keys: 40,
    changes: 10,
  };
}

/** The old bug: after a change, the second-nearest predecessor is not repaired. */
const skipsSecondPredecessor: RepairPlanner = (change, index) => {
  const member = change.members[index];
  const view = new MembershipView(snapshotOf(change.record, membersAround(change, index)));
  const second = member ? view.predecessors(member.addr, 2)[1] : undefined;
  return repairOrder(change, index).filter((m) => m.addr !== second?.addr);
};

/** Runs `seeds` and answers the runs in which some change left a key short of copies. */
function failingSeeds(seeds: number[], overlay: "chord" | "kademlia", planner?: RepairPlanner) {
  return seeds.filter((seed) => {
    try {
      const run = churn(seed, { ...options(seed, overlay), planner });
      return run.changes.some((c) => c.short.length > 0);
    } catch {
      return true; // the ring never went quiet: as much a failure as a lost copy
    }
  });
}

const seeds = (count: number, from = 1000) => Array.from({ length: count }, (_, i) => from + i);

describe("ring repair after joins, leaves and failures (seeded, production directory code)", () => {
  it.each([
    ["chord", CHORD_RUNS],
    ["kademlia", KADEMLIA_RUNS],
  ] as const)("every key has its copies on the right %s nodes once the ring is quiet, and reads are served", (overlay, runs) => {
    for (const seed of seeds(runs)) {
      const run = churn(seed, options(seed, overlay));
      for (const { change, short } of run.changes) {
        expect(short, `seed ${seed}, after ${change}`).toEqual([]);
      }
      expect(run.changes.some((c) => c.change.startsWith("join"))).toBe(true);
      untilQuiet(run.ring);
      expect(unreadKeys(run.ring, run.directory, run.keys, new Rng(seed)), `${seed}`).toEqual([]);
    }
  });

  it("catches a repair that skips the second predecessor (the old bug) in seeded runs", () => {
    const all = seeds(CHORD_RUNS);
    // Only rings with r ≥ 3 copy keys from a second predecessor: two in three of these.
    const withSecond = all.filter((seed) => options(seed, "chord").replication >= 3);
    expect(failingSeeds(all, "chord", skipsSecondPredecessor)).toEqual(withSecond);
    expect(failingSeeds(withSecond, "chord")).toEqual([]);
  });
});
