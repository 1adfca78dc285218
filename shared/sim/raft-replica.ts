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
}

export interface ReplicaConfig {
  raft: Omit<RaftOptions, "id" | "storage" | "applied">;
  makeRaft: RaftFactory;
  /** Take a snapshot and compact once this many entries were applied since the last one. */
  snapshotEvery: number;
  /** Entries kept behind a snapshot so slightly lagging followers avoid InstallSnapshot. */
  keepAfterSnapshot: number;
}

interface AwaitedRead {
  key: string;
  done: Done;
  /** Set once the read index is known. */
  index?: number;
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
    if (!this.node.propose(encodeCommand(cmd))) {
      this.process();
      done({ kind: "fail" });
      return;
    }
    this.writes.set(key, done);
    this.process();
  }

  /** A linearizable read through ReadIndex: served once the read index is applied here. */
  read(key: string, done: Done): void {
    if (!this.node) {
      done({ kind: "fail" });
      return;
    }
    const context = `${this.id}/${this.readSeq++}`;
    if (!this.node.readIndex(context)) {
      this.process();
      done({ kind: "fail" });
      return;
    }
    this.reads.set(context, { key, done });
    this.process();
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
    for (const m of rd.messages) this.host.send(m);
    for (const entry of rd.committedEntries) this.apply(node, entry);
    for (const rs of rd.readStates) {
      const read = this.reads.get(rs.context);
      if (read) read.index = rs.index;
    }
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
    const key = `${cmd.client}:${cmd.seq}`;
    const done = this.writes.get(key);
    if (!done || result.duplicate) return;
    this.writes.delete(key);
    done(result.ok ? { kind: "ok" } : { kind: "fail" });
  }

  private serveReads(applied: number): void {
    for (const [context, read] of this.reads) {
      if (read.index === undefined || read.index > applied) continue;
      this.reads.delete(context);
      read.done({ kind: "ok", value: this.machine.read(read.key) });
    }
  }

  private maybeSnapshot(node: RawNode): void {
    const applied = node.raft.log.applied;
    if (applied - this.storage.snapshot().meta.index < this.config.snapshotEvery) return;
    this.storage.createSnapshot(applied, node.raft.tracker.confState(), this.machine.snapshot());
    this.storage.compact(Math.max(applied - this.config.keepAfterSnapshot, 1));
  }
}
