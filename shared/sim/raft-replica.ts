import { CallBatches } from "../consensus/call-batches";
import { type ConfChange, decodeConfChange } from "../consensus/raft/conf-change";
import type { RaftOptions } from "../consensus/raft/options";
import type { Raft } from "../consensus/raft/raft";
import { RawNode } from "../consensus/raft/raw-node";
import { MemoryStorage } from "../consensus/raft/storage";
import type { ConfState, Entry, Message, NodeId, Ready } from "../consensus/raft/types";
import type { RegisterValue } from "../lincheck/history";
import {
  decodeCommand,
  encodeCommand,
  type RegisterCommand,
  RegisterMachine,
  type RegisterResult,
} from "./register-machine";

/** How a client request ended, as far as the replica that took it can tell. */
export type Outcome =
  | { kind: "ok"; value?: RegisterValue }
  | { kind: "fail" }
  /** The replica crashed with the request in flight: it may or may not take effect. */
  | { kind: "unknown" };

export type Done = (outcome: Outcome) => void;

/** Builds the core of a replica; tests substitute deliberately broken subclasses. */
export type RaftFactory = (options: RaftOptions) => Raft;

/** What a replica reports to the cluster around it. */
export interface ReplicaHost {
  send(m: Message): void;
  applied(id: NodeId, entry: Entry): void;
  becameLeader(id: NodeId, term: number): void;
  /** Runs `action` at replica `id` on a later turn of the event loop. */
  defer(id: NodeId, action: () => void): void;
}

export interface ReplicaConfig {
  raft: Omit<RaftOptions, "id" | "storage" | "applied">;
  makeRaft: RaftFactory;
  /** Take a snapshot and compact once this many entries were applied since the last one. */
  snapshotEvery: number;
  /** Entries kept behind a snapshot so slightly lagging followers avoid InstallSnapshot. */
  keepAfterSnapshot: number;
  /**
   * Group the calls of one event-loop turn as the Durable Object replica does (one append
   * per batch of proposals, one ReadIndex round per batch of reads); when false each call
   * goes to the core at once, which hand-driven scenarios rely on.
   */
  batchCalls: boolean;
}

interface AwaitedRead {
  key: string;
  done: Done;
}

/**
 * One simulated replica: the Raft core plus its "disk" (a `MemoryStorage` that survives
 * crashes), the register state machine and the requests of clients connected to it.
 * It drains every Ready in the house order: persist, send, apply, advance.
 */
export class SimReplica {
  readonly id: NodeId;
  /** Stable storage; everything else is lost on a crash. */
  readonly storage: MemoryStorage;
  node: RawNode | undefined;
  machine = new RegisterMachine();
  private readonly config: ReplicaConfig;
  private readonly host: ReplicaHost;
  private writes = new Map<string, Done>();
  private reads = new Map<string, AwaitedRead>();
  private calls = new CallBatches();
  private readSeq = 0;

  constructor(id: NodeId, conf: ConfState, config: ReplicaConfig, host: ReplicaHost) {
    this.id = id;
    this.storage = new MemoryStorage(conf);
    this.config = config;
    this.host = host;
  }

  get up(): boolean {
    return this.node !== undefined;
  }

  /** Boots (or reboots) from stable storage only. */
  start(): void {
    this.machine = new RegisterMachine();
    const snap = this.storage.snapshot();
    if (snap.meta.index > 0) this.machine.restore(snap.data);
    const raft = this.config.makeRaft({
      ...this.config.raft,
      id: this.id,
      storage: this.storage,
      applied: snap.meta.index,
    });
    this.node = new RawNode(raft);
    this.process();
  }

  /** Loses all volatile state; requests in flight end as unknown (writes) or failed (reads). */
  crash(): void {
    this.node = undefined;
    const writes = [...this.writes.values()];
    const reads = [...this.reads.values()];
    this.writes.clear();
    this.reads.clear();
    this.calls = new CallBatches();
    for (const done of writes) done({ kind: "unknown" });
    for (const read of reads) read.done({ kind: "fail" });
  }

  tick(): void {
    if (!this.node) return;
    this.node.tick();
    this.process();
  }

  receive(m: Message): void {
    if (!this.node) return;
    this.node.step(m);
    this.process();
  }

  /** Submits a write or CAS; `done` fires when this replica applies it. */
  submit(cmd: RegisterCommand, done: Done): void {
    if (!this.node) {
      done({ kind: "fail" });
      return;
    }
    const key = `${cmd.client}:${cmd.seq}`;
    this.writes.set(key, done);
    if (this.calls.addProposal(key, encodeCommand(cmd))) this.flushSoon(() => this.flushWrites());
  }

  /** A linearizable read through ReadIndex: served once the read index is applied here. */
  read(key: string, done: Done): void {
    if (!this.node) {
      done({ kind: "fail" });
      return;
    }
    const waiter = `${this.id}/${this.readSeq++}`;
    this.reads.set(waiter, { key, done });
    if (this.calls.addRead(waiter)) this.flushSoon(() => this.flushReads());
  }

  /** Runs a flush now, or on a later turn of the event loop when calls are batched. */
  private flushSoon(flush: () => void): void {
    if (this.config.batchCalls) this.host.defer(this.id, flush);
    else flush();
  }

  /** Proposes every queued write as one batch; all fail if this replica cannot propose. */
  private flushWrites(): void {
    const node = this.node;
    const batch = this.calls.takeProposals();
    if (!node || batch.length === 0) return;
    if (!node.propose(batch.map((proposal) => proposal.data))) {
      for (const { id } of batch) this.finishWrite(id, { kind: "fail" });
    }
    this.process();
  }

  /** Sends one ReadIndex request for every queued read; all fail if it is refused. */
  private flushReads(): void {
    const node = this.node;
    const waiters = this.calls.takeReads();
    if (!node || waiters.length === 0) return;
    const context = `${this.id}/round-${this.readSeq++}`;
    if (node.readIndex(context)) this.calls.awaitIndex(context, waiters);
    else for (const waiter of waiters) this.finishRead(waiter, false);
    this.process();
  }

  private finishWrite(id: string, outcome: Outcome): void {
    const done = this.writes.get(id);
    if (!done) return;
    this.writes.delete(id);
    done(outcome);
  }

  /** Answers a read with the applied value, or fails it (a read has no effect either way). */
  private finishRead(waiter: string, ok: boolean): void {
    const read = this.reads.get(waiter);
    if (!read) return;
    this.reads.delete(waiter);
    read.done(ok ? { kind: "ok", value: this.machine.read(read.key) } : { kind: "fail" });
  }

  /** Asks this replica (if it leads) to hand leadership to `to`. */
  transferLeader(to: NodeId): void {
    if (!this.node) return;
    this.node.transferLeader(to);
    this.process();
  }

  /** Asks this replica (if it leads) to propose a membership change. */
  proposeConfChange(change: ConfChange): void {
    if (!this.node) return;
    this.node.proposeConfChange(change);
    this.process();
  }

  /** Forgets a request the client gave up on. */
  abandon(done: Done): void {
    for (const [k, d] of this.writes) if (d === done) this.writes.delete(k);
    for (const [k, r] of this.reads) if (r.done === done) this.reads.delete(k);
  }

  /** Drains Readys until the core has nothing more to say. */
  process(): void {
    const node = this.node;
    while (node && this.node === node && node.hasReady()) this.handle(node, node.ready());
  }

  private handle(node: RawNode, rd: Ready): void {
    if (rd.snapshot) {
      this.storage.applySnapshot(rd.snapshot);
      this.machine.restore(rd.snapshot.data);
    }
    this.storage.append(rd.entries);
    if (rd.hardState) this.storage.setHardState(rd.hardState);
    if (rd.softState?.role === "leader") this.host.becameLeader(this.id, node.raft.term);
    if (rd.softState && rd.softState.role !== "leader") {
      for (const waiter of this.calls.forgetReads()) this.finishRead(waiter, false);
    }
    for (const m of rd.messages) this.host.send(m);
    for (const entry of rd.committedEntries) this.apply(node, entry);
    this.calls.confirm(rd.readStates);
    node.advance(rd);
    this.serveReads(node.raft.log.applied);
    this.maybeSnapshot(node);
  }

  private apply(node: RawNode, entry: Entry): void {
    this.host.applied(this.id, entry);
    if (entry.type === "conf") {
      node.applyConfChange(decodeConfChange(entry.data));
      return;
    }
    if (entry.data.length === 0) return;
    const cmd = decodeCommand(entry.data);
    const result: RegisterResult = this.machine.apply(cmd, entry.index);
    if (result.duplicate) return;
    this.finishWrite(`${cmd.client}:${cmd.seq}`, result.ok ? { kind: "ok" } : { kind: "fail" });
  }

  private serveReads(applied: number): void {
    for (const { waiter } of this.calls.servable(applied)) this.finishRead(waiter, true);
  }

  private maybeSnapshot(node: RawNode): void {
    const applied = node.raft.log.applied;
    if (applied - this.storage.snapshot().meta.index < this.config.snapshotEvery) return;
    this.storage.createSnapshot(applied, node.raft.tracker.confState(), this.machine.snapshot());
    this.storage.compact(Math.max(applied - this.config.keepAfterSnapshot, 1));
  }
}
