import { describe, expect, it } from "vitest";
import { checkLinearizable } from "../../../shared/lincheck/index";
import { RaftCluster } from "../../../shared/sim/cluster";
import { MIN_VOTERS, Nemesis } from "../../../shared/sim/nemesis";
import { runSimulation } from "../../../shared/sim/run";

describe("membership changes as a fault", () => {
  it("commits adds, promotions and removals while clients stay linearizable", () => {
    let changes = 0;
    for (let seed = 0; seed < 20; seed++) {
      const { history, summary } = runSimulation({
        seed,
        nodes: 5,
        ops: 200,
        faults: ["membership", "crash", "partition"],
      });
      expect(checkLinearizable(history).ok, `seed ${seed}`).toBe(true);
      expect(summary.violations, `seed ${seed}`).toEqual([]);
      expect(summary.finished, `seed ${seed}`).toBe(true);
      changes += summary.confChanges;
    }
    // Runs commit about three changes each on average (2.8 over seeds 0-2,099).
    expect(changes).toBeGreaterThanOrEqual(20);
  });

  it("moves the voters through spares and never below the minimum", () => {
    const cluster = new RaftCluster({ seed: 4, nodes: 3, spares: 2 });
    const nemesis = new Nemesis(cluster, cluster.rng.fork(), ["membership"], cluster.ids);
    cluster.runUntil(() => cluster.leader() !== undefined, 2_000);
    nemesis.start();
    const seen = new Set<string>();
    let smallest = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 200; step++) {
      cluster.runFor(100);
      const leader = cluster.leader();
      const conf = leader === undefined ? undefined : cluster.replica(leader).status()?.conf;
      if (!conf) continue;
      seen.add(conf.voters.join(","));
      smallest = Math.min(smallest, conf.voters.length);
    }
    nemesis.stop();
    expect(smallest).toBeGreaterThanOrEqual(MIN_VOTERS);
    // Spares 4 and 5 became voters at some point, so the voter set really changed.
    expect([...seen].some((voters) => voters.includes("4") || voters.includes("5"))).toBe(true);
    expect(seen.size).toBeGreaterThan(2);
    expect(cluster.violations).toEqual([]);
  });
});
