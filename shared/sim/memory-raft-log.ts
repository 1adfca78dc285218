/**
 * A simulated replica's disk: the durable log port kept in memory, surviving crashes.
 * It keeps what the SQLite log keeps — entries, hard state as written, the latest
 * snapshot, the last leader recorded — and `load` rebuilds the core's view from it the
 * way `SqliteRaftLog.load` does, so a restarted simulated replica recovers exactly as a
 * Durable Object would (including a commit index that is not rewritten on every commit).
 */
import type { DurableLog, LoadedLog } from "../consensus/host/ports";
import { MemoryStorage } from "../consensus/raft/storage";
import type { ConfState, Entry, HardState, NodeId, Snapshot } from "../consensus/raft/types";

export class MemoryRaftLog implements DurableLog {
  private entries = new Map<number, Entry>();
  private hardState: HardState = { term: 0, vote: 0, commit: 0 };
  private snapshot: Snapshot;
  private lastLeader: NodeId = 0;
  private lastLeaderTerm = 0;

  /** An empty disk whose initial membership is `conf`. */
  constructor(conf: ConfState) {
    this.snapshot = {
      meta: { index: 0, term: 0, conf: { voters: [...conf.voters], learners: [...conf.learners] } },
      data: new Uint8Array(),
    };
  }

  append(entries: readonly Entry[], lastIndex: number): void {
    const first = entries[0];
    if (!first) return;
    if (first.index <= lastIndex) {
      for (const index of [...this.entries.keys()])
        if (index >= first.index) this.entries.delete(index);
    }
    for (const entry of entries) this.entries.set(entry.index, entry);
  }

  setHardState(hardState: HardState): void {
    this.hardState = { ...hardState };
  }

  saveSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot;
  }

  installSnapshot(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.entries.clear();
  }

  compact(index: number): void {
    for (const key of [...this.entries.keys()]) if (key <= index) this.entries.delete(key);
  }

  setLastLeader(leader: NodeId, term: number): void {
    this.lastLeader = leader;
    this.lastLeaderTerm = term;
  }

  /** Everything durable, as a restarting replica finds it. */
  load(): LoadedLog {
    const snapshotConf = this.snapshot.meta.conf;
    const storage = new MemoryStorage(snapshotConf);
    storage.applySnapshot(this.snapshot);
    const after = [...this.entries.values()]
      .filter((entry) => entry.index > this.snapshot.meta.index)
      .sort((a, b) => a.index - b.index);
    storage.append(after);
    storage.setHardState({
      ...this.hardState,
      commit: Math.max(this.hardState.commit, this.snapshot.meta.index),
    });
    return {
      storage,
      snapshotConf,
      lastLeader: this.lastLeader,
      lastLeaderTerm: this.lastLeaderTerm,
    };
  }
}
