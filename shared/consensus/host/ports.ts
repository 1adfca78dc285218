/**
 * The ports through which a consensus host talks to the world. A Durable Object
 * implements them with SQLite, DO RPC and alarms; the simulator with an in-memory disk,
 * its virtual network and its virtual clock. The host itself does no I/O.
 */

import type { MemoryStorage } from "../raft/storage";
import type { ConfState, Entry, HardState, NodeId, Snapshot } from "../raft/types";
import type { CoreMessage } from "./consensus-node";

/**
 * Stable storage for the log. Every write must be durable before the host sends any
 * message of the same Ready (a DO's output gate gives this for synchronous SQLite writes).
 */
export interface DurableLog {
  /**
   * Appends entries after a log whose last index is `lastIndex`, replacing the suffix
   * they conflict with.
   */
  append(entries: readonly Entry[], lastIndex: number): void;
  setHardState(hardState: HardState): void;
  /** Stores a snapshot of this replica's own applied state; the log is kept. */
  saveSnapshot(snapshot: Snapshot): void;
  /** Replaces the whole log with a snapshot received from the leader. */
  installSnapshot(snapshot: Snapshot): void;
  /** Drops entries up to `index` (covered by the stored snapshot). */
  compact(index: number): void;
  /**
   * Records the leader of `term` as this replica last knew it, written when the group goes
   * quiet: a status read after a restart names it, and a replica that finds itself the
   * recorded leader of its current term resumes leading it without an election. It must
   * be true when written (it is: a term has one leader, and the core names no other).
   */
  setLastLeader(leader: NodeId, term: number): void;
}

/** What a replica finds on its disk when it starts. */
export interface LoadedLog {
  /** The core's view of the durable log, filled from disk. */
  storage: MemoryStorage;
  /** Membership as of the snapshot, before replaying the conf entries after it. */
  snapshotConf: ConfState;
  /** The leader recorded by `setLastLeader`, or 0 if none was. */
  lastLeader: NodeId;
  /** The term it led, as recorded with it (0: none recorded). */
  lastLeaderTerm: number;
}

/** Sends a Ready's messages; delivery is best effort (the engine retries what is lost). */
export interface HostTransport {
  send(messages: CoreMessage[]): void;
}

/** Cancels a scheduled callback. */
export type Cancel = () => void;

/** The clock and the timers of the runtime (wall clock in a DO, virtual in the simulator). */
export interface HostClock {
  now(): number;
  /** Runs `run` once after `ms` milliseconds (0: a later turn of the event loop). */
  after(ms: number, run: () => void): Cancel;
}

/**
 * The replica's one alarm (a DO alarm; a virtual timer in the simulator). The host sets it
 * only when it needs one earlier than the one set, and clears it once each time the group
 * goes quiet (a runtime may take that moment to save what it keeps in memory).
 */
export interface HostAlarm {
  set(at: number): void;
  clear(): void;
}

/** What the host tells its runtime. */
export interface HostEvents {
  /** A Ready could not be handled: memory is ahead of disk, restart from storage. */
  failed(reason: string): void;
  /** Observers (the simulator's safety checks): an entry was applied here. */
  applied?(entry: Entry): void;
  /** Observers: this replica became leader of `term`. */
  becameLeader?(term: number): void;
}
