/**
 * The durable side of a host: writes each Ready's snapshot, entries and hard state to
 * the `DurableLog` port and mirrors them into the `MemoryStorage` the core reads, so the
 * two never disagree about what is durable; and takes snapshots when `snapshotDue` says so.
 */

import type { RaftStatus } from "../raft/status";
import type { MemoryStorage } from "../raft/storage";
import type { ConfState, Entry, HardState, NodeId, Ready } from "../raft/types";
import { QUIET_SNAPSHOT_MIN_ENTRIES, snapshotDue } from "../snapshot-policy";
import type { DurableLog, LoadedLog } from "./ports";

/** What a replica knows when its group goes quiet (a slice of the core's status). */
export type QuietPoint = Pick<RaftStatus, "commit" | "lead" | "term" | "applied" | "conf">;

export class LogKeeper {
  readonly storage: MemoryStorage;
  /** Index and data bytes of the last snapshot, and the bytes of entries applied since. */
  private snapshotIndex: number;
  private snapshotBytes: number;
  private logBytesSinceSnapshot = 0;
  /** Term, vote, commit index and last leader (with the term it led) as last written to disk. */
  private durableTerm: number;
  private durableVote: number;
  private durableCommit: number;
  private durableLeader: NodeId;
  private durableLeaderTerm: number;

  constructor(
    private readonly durable: DurableLog,
    loaded: LoadedLog,
    private readonly policy: { snapshotEvery: number; keepAfterSnapshot: number },
  ) {
    this.storage = loaded.storage;
    const snapshot = loaded.storage.snapshot();
    this.snapshotIndex = snapshot.meta.index;
    this.snapshotBytes = snapshot.data.byteLength;
    const { hardState } = loaded.storage.initialState();
    this.durableTerm = hardState.term;
    this.durableVote = hardState.vote;
    this.durableCommit = hardState.commit;
    this.durableLeader = loaded.lastLeader;
    this.durableLeaderTerm = loaded.lastLeaderTerm;
  }

  /** Persists what `rd` asks to (before any of its messages leave). */
  persist(rd: Ready<unknown>): void {
    if (rd.snapshot) {
      this.durable.installSnapshot(rd.snapshot);
      this.storage.applySnapshot(rd.snapshot);
      this.snapshotIndex = rd.snapshot.meta.index;
      this.snapshotBytes = rd.snapshot.data.byteLength;
      this.logBytesSinceSnapshot = 0;
    }
    this.durable.append(rd.entries, this.storage.lastIndex());
    this.storage.append(rd.entries);
    if (rd.hardState) {
      // Term and vote must be durable before any message of this Ready leaves; the commit
      // index need not be (Raft re-learns it), so a commit-only change writes nothing and
      // a client's answer never waits on a flush of it.
      if (rd.hardState.term !== this.durableTerm || rd.hardState.vote !== this.durableVote) {
        this.writeHardState(rd.hardState);
      }
      this.storage.setHardState(rd.hardState);
    }
  }

  /** The leader last written to disk by `quiet` (0: none yet). */
  get lastLeader(): NodeId {
    return this.durableLeader;
  }

  /** Whether the disk records this replica `self` as the leader of `term`. */
  ledTerm(self: NodeId, term: number): boolean {
    return term !== 0 && this.durableLeader === self && this.durableLeaderTerm === term;
  }

  /**
   * The group went quiet: the commit index and the leader are written once, so a replica
   * restarted while the group is idle rebuilds its state up to that commit at load and
   * its status names the applied index and the leader, not zeros (the leader's term with
   * it, so that leader can resume its term: `ledTerm`); and a snapshot is taken
   * from `QUIET_SNAPSHOT_MIN_ENTRIES` applied entries, so that load replays little.
   * Nothing waits on it: a commit index on disk is safe at any value up to the true one.
   */
  quiet(now: QuietPoint, data: () => Uint8Array): void {
    if (now.commit > this.durableCommit) {
      this.writeHardState({ term: this.durableTerm, vote: this.durableVote, commit: now.commit });
    }
    const newLeader = now.lead !== this.durableLeader || now.term !== this.durableLeaderTerm;
    if (now.lead !== 0 && newLeader) {
      this.durable.setLastLeader(now.lead, now.term);
      this.durableLeader = now.lead;
      this.durableLeaderTerm = now.term;
    }
    const every = Math.min(this.policy.snapshotEvery, QUIET_SNAPSHOT_MIN_ENTRIES);
    this.snapshotWhenDue(now.applied, now.conf, data, every);
  }

  private writeHardState(hardState: HardState): void {
    this.durable.setHardState(hardState);
    this.durableTerm = hardState.term;
    this.durableVote = hardState.vote;
    this.durableCommit = hardState.commit;
  }

  /** Counts an applied entry towards the next snapshot. */
  applied(entry: Entry): void {
    this.logBytesSinceSnapshot += entry.data.byteLength;
  }

  /** Snapshots the state at `applied` when due, and compacts the log behind it. */
  snapshotIfDue(applied: number, conf: ConfState, data: () => Uint8Array): void {
    this.snapshotWhenDue(applied, conf, data, this.policy.snapshotEvery);
  }

  private snapshotWhenDue(
    applied: number,
    conf: ConfState,
    data: () => Uint8Array,
    everyEntries: number,
  ): void {
    const since = {
      entries: applied - this.snapshotIndex,
      logBytes: this.logBytesSinceSnapshot,
      snapshotBytes: this.snapshotBytes,
    };
    if (!snapshotDue(since, everyEntries)) return;
    const snapshot = this.storage.createSnapshot(applied, conf, data());
    this.snapshotBytes = snapshot.data.byteLength;
    this.logBytesSinceSnapshot = 0;
    this.durable.saveSnapshot(snapshot);
    const keepFrom = applied - this.policy.keepAfterSnapshot;
    if (keepFrom > this.storage.firstIndex()) {
      this.storage.compact(keepFrom);
      this.durable.compact(keepFrom);
    }
    this.snapshotIndex = applied;
  }
}
