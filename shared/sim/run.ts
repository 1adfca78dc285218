import type { EngineChoice } from "../consensus/host/engine";
import type { ReadOnlyMode } from "../consensus/raft/options";
import type { HistoryEvent } from "../lincheck/history";
import { Rng } from "../rng";
import { percentile } from "../stats";
import { RaftCluster } from "./cluster";
import { type FaultName, Nemesis } from "./nemesis";
import type { HostFactory, PaxosFactory, RaftFactory } from "./raft-replica";
import { Workload } from "./workload";

/** Replicas created outside the group when membership changes are among the faults. */
export const SPARES_FOR_MEMBERSHIP = 2;

export interface SimRunOptions {
  seed: number;
  /** Raft when absent. */
  engine?: EngineChoice;
  nodes: number;
  ops: number;
  faults: readonly FaultName[];
  clients?: number;
  keys?: number;
  opTimeoutMs?: number;
  quiesceAfterTicks?: number;
  snapshotEvery?: number;
  /** How reads are confirmed (default `safe`); `lease` is clock-dependent. */
  readOnly?: ReadOnlyMode;
  makeRaft?: RaftFactory;
  makePaxos?: PaxosFactory;
  /** A deliberately broken host, to show the runs catch host bugs. */
  makeHost?: HostFactory;
}

export interface SimSummary {
  ok: number;
  fail: number;
  info: number;
  /** Times any replica became leader. */
  elections: number;
  /** Membership changes committed. */
  confChanges: number;
  /** Messages put on the network, duplicates included. */
  messages: number;
  /** Invoke-to-acknowledgement latency of successful writes and CASes, in ticks. */
  commitLatencyTicks: { p50: number; p99: number };
  virtualMs: number;
  /** Safety violations seen by the cluster's own checks (must be empty). */
  violations: string[];
  /** False when the run hit its time limit with operations unfinished. */
  finished: boolean;
}

/**
 * One seeded randomized run: a Raft or Multi-Paxos cluster under the given faults, clients issuing `ops`
 * operations, faults healed once every operation is issued. Deterministic in its options.
 */
export function runSimulation(options: SimRunOptions): {
  history: HistoryEvent[];
  summary: SimSummary;
} {
  const rng = new Rng(options.seed);
  const cluster = new RaftCluster({
    seed: rng.nextUint32(),
    nodes: options.nodes,
    quiesceAfterTicks: options.quiesceAfterTicks ?? 30,
    snapshotEvery: options.snapshotEvery ?? 40,
    // Replicas outside the group that membership changes can add.
    spares: options.faults.includes("membership") ? SPARES_FOR_MEMBERSHIP : 0,
    batchCalls: true,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.readOnly ? { readOnly: options.readOnly } : {}),
    ...(options.makeRaft ? { makeRaft: options.makeRaft } : {}),
    ...(options.makePaxos ? { makePaxos: options.makePaxos } : {}),
    ...(options.makeHost ? { makeHost: options.makeHost } : {}),
  });
  const members = [...cluster.ids];
  const workload = new Workload(
    cluster,
    rng.fork(),
    {
      clients: options.clients ?? 5,
      keys: options.keys ?? 3,
      ops: options.ops,
      opTimeoutMs: options.opTimeoutMs ?? 600,
      thinkMs: [0, 40],
    },
    members,
  );
  const nemesis = new Nemesis(cluster, rng.fork(), options.faults, members);
  cluster.runUntil(() => cluster.leader() !== undefined, 2_000);
  workload.start();
  nemesis.start();
  const limit = 2_000 + options.ops * 2_000;
  while (!workload.done && cluster.now < limit) {
    cluster.runFor(50);
    if (workload.allIssued) nemesis.stop();
  }
  const count = (type: HistoryEvent["type"]) =>
    workload.history.filter((e) => e.type === type).length;
  const ticks = workload.writeLatencies.map((ms) => ms / cluster.tickMs);
  return {
    history: workload.history,
    summary: {
      ok: count("ok"),
      fail: count("fail"),
      info: count("info"),
      elections: cluster.elections,
      confChanges: cluster.confChanges,
      messages: cluster.network.sent,
      commitLatencyTicks: { p50: percentile(ticks, 50), p99: percentile(ticks, 99) },
      virtualMs: cluster.now,
      violations: cluster.violations,
      finished: workload.done,
    },
  };
}
