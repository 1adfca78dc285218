import type { CoreMessage } from "../consensus/host/consensus-node";
import type { EngineChoice } from "../consensus/host/engine";
import { type HostTuning, MAX_WAITING_READS, MAX_WAITING_WRITES } from "../consensus/host/tuning";
import type { ReadOnlyMode } from "../consensus/raft/options";
import type { Entry, NodeId } from "../consensus/raft/types";
import { Rng } from "../rng";
import { EventQueue } from "./event-queue";
import { type LinkLatency, SimNetwork } from "./network";
import {
  type HostFactory,
  type PaxosFactory,
  type RaftFactory,
  type ReplicaEnvironment,
  SimReplica,
} from "./raft-replica";

/**
 * Virtual milliseconds a replica waits before flushing batched calls: the turns of a
 * Durable Object's event loop that let calls arriving meanwhile join the same batch.
 */
export const BATCH_WINDOW_MS = 2;

const decoder = new TextDecoder();

export interface ClusterOptions {
  seed: number;
  nodes: number;
  /** Raft when absent. */
  engine?: EngineChoice;
  /** Virtual milliseconds per Raft tick. */
  tickMs?: number;
  electionTick?: number;
  heartbeatTick?: number;
  /** One-way message latency range in milliseconds, on every link or per link. */
  latencyMs?: LinkLatency;
  /**
   * Let each replica's alarm drive its ticks, as in a Durable Object (off for
   * hand-driven scenarios, which tick replicas themselves).
   */
  autoTick?: boolean;
  quiesceAfterTicks?: number;
  snapshotEvery?: number;
  keepAfterSnapshot?: number;
  maxEntriesPerMsg?: number;
  preVote?: boolean;
  checkQuorum?: boolean;
  readOnly?: ReadOnlyMode;
  /** Extra replicas created with an empty log, outside the group, for membership tests. */
  spares?: number;
  /** Unacknowledged appends per follower (the Durable Objects run 1). */
  maxInflight?: number;
  /** How long a client call waits at its replica before its outcome is unknown. */
  callTimeoutMs?: number;
  makeRaft?: RaftFactory;
  makePaxos?: PaxosFactory;
  /** Builds each replica's host; tests substitute deliberately broken subclasses. */
  makeHost?: HostFactory;
  /** Admission bounds of each replica's host (the production values by default). */
  maxWaitingWrites?: number;
  maxWaitingReads?: number;
  /** Batch each turn's calls at every replica as the Durable Object replica does (default false). */
  batchCalls?: boolean;
}

/**
 * N replicas on a virtual clock and a faulty network, driven by one seeded RNG. Tracks
 * two safety properties as it runs — at most one leader per term, and every replica
 * applies the same entry at each index — and records violations instead of throwing so a
 * test can show that a planted bug is caught.
 */
export class RaftCluster {
  readonly queue = new EventQueue();
  readonly rng: Rng;
  readonly network: SimNetwork<CoreMessage>;
  readonly replicas = new Map<NodeId, SimReplica>();
  /** Member ids at start (1..nodes), then spares. */
  readonly ids: NodeId[];
  readonly tickMs: number;
  readonly engine: EngineChoice;
  readonly violations: string[] = [];
  elections = 0;
  /** Membership changes committed (counted once, when the first replica applies one). */
  confChanges = 0;
  private readonly paused = new Map<NodeId, (() => void)[]>();
  private readonly leaderOfTerm = new Map<number, NodeId>();
  /** What was applied at each index: its term (Raft) or its value (Paxos; see `checkApplied`). */
  private readonly appliedAt = new Map<number, string>();

  constructor(options: ClusterOptions) {
    this.rng = new Rng(options.seed);
    this.tickMs = options.tickMs ?? 10;
    this.engine = options.engine ?? { name: "raft" };
    this.network = new SimNetwork<CoreMessage>(
      this.queue,
      this.rng.fork(),
      options.latencyMs ?? [1, 5],
      (to, m) => this.deliver(to, m),
    );
    const members = Array.from({ length: options.nodes }, (_, i) => i + 1);
    const spares = Array.from({ length: options.spares ?? 0 }, (_, i) => options.nodes + i + 1);
    this.ids = [...members, ...spares];
    const tuning: HostTuning = {
      tickMs: this.tickMs,
      electionTicks: options.electionTick ?? 10,
      heartbeatTicks: options.heartbeatTick ?? 1,
      quiesceAfterTicks: options.quiesceAfterTicks ?? 0,
      callTimeoutMs: options.callTimeoutMs ?? 500,
      catchUpTimeoutMs: 1_000,
      batchWindowMs: options.batchCalls ? BATCH_WINDOW_MS : null,
      snapshotEvery: options.snapshotEvery ?? 1_000_000,
      keepAfterSnapshot: options.keepAfterSnapshot ?? 5,
      maxInflight: options.maxInflight ?? 1,
      maxEntriesPerMsg: options.maxEntriesPerMsg ?? 256,
      preVote: options.preVote ?? true,
      checkQuorum: options.checkQuorum ?? true,
      readOnly: options.readOnly ?? "safe",
      maxWaitingWrites: options.maxWaitingWrites ?? MAX_WAITING_WRITES,
      maxWaitingReads: options.maxWaitingReads ?? MAX_WAITING_READS,
    };
    const env: ReplicaEnvironment = {
      send: (m) => this.network.send(m.from, m.to, m),
      applied: (id, entry) => this.checkApplied(id, entry),
      becameLeader: (id, term) => this.checkLeader(id, term),
      failed: (id, reason) => this.violations.push(`replica ${id} failed: ${reason}`),
      after: (id, ms, action) => this.queue.after(ms, () => this.whenRunning(id, action)),
      now: () => this.queue.now,
      alarms: options.autoTick ?? true,
    };
    // Spares start knowing the initial membership (as a joining server is told), but
    // outside it, so they stay silent until a membership change adds them.
    const conf = { voters: members, learners: [] };
    for (const id of this.ids) {
      this.replicas.set(
        id,
        new SimReplica(
          id,
          conf,
          {
            tuning,
            rng: this.rng.fork(),
            engine: this.engine,
            ...(options.makeRaft ? { makeRaft: options.makeRaft } : {}),
            ...(options.makePaxos ? { makePaxos: options.makePaxos } : {}),
            ...(options.makeHost ? { makeHost: options.makeHost } : {}),
          },
          env,
        ),
      );
    }
    for (const id of this.ids) this.replica(id).start();
    for (const id of members) this.replica(id).arm();
  }

  get now(): number {
    return this.queue.now;
  }

  replica(id: NodeId): SimReplica {
    const r = this.replicas.get(id);
    if (!r) throw new Error(`no replica ${id}`);
    return r;
  }

  /** Ticks every running replica once. */
  tickAll(): void {
    for (const id of this.ids) this.tick(id);
  }

  tick(id: NodeId): void {
    this.whenRunning(id, () => this.replica(id).tick());
  }

  /** Runs `action` now, or when `id` resumes if it is paused. */
  whenRunning(id: NodeId, action: () => void): void {
    const backlog = this.paused.get(id);
    if (backlog) backlog.push(action);
    else action();
  }

  private deliver(to: NodeId, m: CoreMessage): void {
    this.whenRunning(to, () => this.replica(to).receive(m));
  }

  runFor(ms: number): void {
    this.queue.runUntil(this.queue.now + ms);
  }

  /** Runs until `done()` holds (checked every tick) or `maxMs` pass; returns whether it held. */
  runUntil(done: () => boolean, maxMs: number): boolean {
    const deadline = this.queue.now + maxMs;
    while (!done()) {
      if (this.queue.now >= deadline) return false;
      this.queue.runUntil(Math.min(deadline, this.queue.now + this.tickMs));
    }
    return true;
  }

  /** Running replicas that believe they lead, with their terms. */
  leaders(): { id: NodeId; term: number }[] {
    const out: { id: NodeId; term: number }[] = [];
    for (const [id, r] of this.replicas) {
      const status = r.status();
      if (status?.role === "leader" && !this.paused.has(id)) out.push({ id, term: status.term });
    }
    return out;
  }

  /** The leader with the highest term among running replicas, if any. */
  leader(): NodeId | undefined {
    let best: { id: NodeId; term: number } | undefined;
    for (const l of this.leaders()) if (!best || l.term > best.term) best = l;
    return best?.id;
  }

  crash(id: NodeId): void {
    this.paused.delete(id);
    this.replica(id).crash();
  }

  restart(id: NodeId): void {
    if (!this.replica(id).up) this.replica(id).start();
  }

  /** Freezes `id`: it neither ticks nor handles anything until `resume`. */
  pause(id: NodeId): void {
    if (this.replica(id).up && !this.paused.has(id)) this.paused.set(id, []);
  }

  resume(id: NodeId): void {
    const backlog = this.paused.get(id);
    if (!backlog) return;
    this.paused.delete(id);
    for (const action of backlog) action();
  }

  isolate(id: NodeId): void {
    this.network.isolate(id, this.ids);
  }

  partition(groups: readonly (readonly NodeId[])[]): void {
    this.network.partition(groups);
  }

  heal(): void {
    this.network.healAll();
  }

  private checkLeader(id: NodeId, term: number): void {
    this.elections++;
    const prev = this.leaderOfTerm.get(term);
    if (prev !== undefined && prev !== id) {
      this.violations.push(`two leaders in term ${term}: ${prev} and ${id}`);
    }
    this.leaderOfTerm.set(term, id);
  }

  /**
   * Every replica must apply the same entry at each index. Raft's log matching makes the
   * term identify the entry; a Paxos value is re-proposed under each new ballot, so
   * there the value itself (its bytes, which carry a unique request id) must agree.
   */
  private checkApplied(id: NodeId, entry: Entry): void {
    const seen =
      this.engine.name === "paxos"
        ? `value ${entry.type}:${decoder.decode(entry.data)}`
        : `term ${entry.term}`;
    const first = this.appliedAt.get(entry.index);
    if (first === undefined) {
      this.appliedAt.set(entry.index, seen);
      if (entry.type === "conf") this.confChanges++;
    } else if (first !== seen) {
      this.violations.push(
        `replica ${id} applied index ${entry.index} with ${seen}, another applied ${first}`,
      );
    }
  }
}
