import type { Storage } from "./storage";
import type { Entry, Snapshot } from "./types";
import { Unstable } from "./unstable";

/**
 * The log as the core sees it: persisted entries (through `Storage`) followed by the
 * unstable tail. Invariant: applied ≤ committed ≤ lastIndex(), and every entry up to
 * `committed` is known to be on a quorum.
 */
export class RaftLog {
  readonly storage: Storage;
  readonly unstable: Unstable;
  committed: number;
  applied: number;

  constructor(storage: Storage) {
    this.storage = storage;
    this.unstable = new Unstable(storage.lastIndex() + 1);
    this.committed = storage.firstIndex() - 1;
    this.applied = storage.firstIndex() - 1;
  }

  firstIndex(): number {
    return this.unstable.maybeFirstIndex() ?? this.storage.firstIndex();
  }

  lastIndex(): number {
    return this.unstable.maybeLastIndex() ?? this.storage.lastIndex();
  }

  /** Term of entry `index`, or undefined when compacted away or beyond the end. */
  term(index: number): number | undefined {
    if (index < this.firstIndex() - 1 || index > this.lastIndex()) return undefined;
    return this.unstable.maybeTerm(index) ?? this.storage.term(index);
  }

  lastTerm(): number {
    return this.term(this.lastIndex()) ?? 0;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /** Whether a log ending at (index, term) is at least as up to date as this one (§5.4.1). */
  isUpToDate(index: number, term: number): boolean {
    const lastTerm = this.lastTerm();
    return term > lastTerm || (term === lastTerm && index >= this.lastIndex());
  }

  /**
   * The follower side of AppendEntries: if our entry `index` has term `logTerm`, append
   * `entries` (dropping a conflicting suffix), advance commit to min(commit, last new
   * index) and return the last new index; otherwise return undefined.
   */
  maybeAppend(
    index: number,
    logTerm: number,
    commit: number,
    entries: Entry[],
  ): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      if (conflict <= this.committed) {
        throw new Error(
          `entry ${conflict} conflicts with committed entry (committed ${this.committed})`,
        );
      }
      this.append(entries.slice(conflict - (index + 1)));
    }
    this.commitTo(Math.min(commit, lastNew));
    return lastNew;
  }

  append(entries: readonly Entry[]): number {
    const first = entries[0];
    if (!first) return this.lastIndex();
    if (first.index - 1 < this.committed) {
      throw new Error(`append at ${first.index} would overwrite committed ${this.committed}`);
    }
    this.unstable.truncateAndAppend(entries);
    return this.lastIndex();
  }

  /** Index of the first entry whose term differs from ours (or that we lack), else 0. */
  private findConflict(entries: readonly Entry[]): number {
    for (const e of entries) if (!this.matchTerm(e.index, e.term)) return e.index;
    return 0;
  }

  /**
   * The largest index ≤ `index` whose term is ≤ `term` (the fast-backtracking probe).
   * Stops at the compaction boundary, which the caller resolves with a snapshot.
   */
  findConflictByTerm(index: number, term: number): number {
    let i = Math.min(index, this.lastIndex());
    for (;;) {
      const t = this.term(i);
      if (t === undefined || t <= term || i === 0) return i;
      i--;
    }
  }

  commitTo(commit: number): void {
    if (commit <= this.committed) return;
    if (commit > this.lastIndex()) {
      throw new Error(`commit ${commit} beyond last index ${this.lastIndex()}`);
    }
    this.committed = commit;
  }

  /** Commits `index` only if it carries `term` — the leader's current term (Figure 8). */
  maybeCommit(index: number, term: number): boolean {
    if (index <= this.committed || this.term(index) !== term) return false;
    this.commitTo(index);
    return true;
  }

  appliedTo(index: number): void {
    if (index > this.committed || index < this.applied) {
      throw new Error(`applied ${index} outside [${this.applied}, ${this.committed}]`);
    }
    this.applied = index;
  }

  stableTo(index: number, term: number): void {
    this.unstable.stableTo(index, term);
  }

  stableSnapTo(index: number): void {
    this.unstable.stableSnapTo(index);
  }

  unstableEntries(): Entry[] {
    return this.unstable.entries.slice();
  }

  hasNextCommittedEntries(): boolean {
    return this.committed > this.applied && this.applied + 1 >= this.firstIndex();
  }

  /** Committed entries not yet applied, at most `max` of them. */
  nextCommittedEntries(max: number): Entry[] {
    if (!this.hasNextCommittedEntries()) return [];
    const lo = Math.max(this.applied + 1, this.firstIndex());
    return this.slice(lo, Math.min(this.committed + 1, lo + max));
  }

  snapshot(): Snapshot {
    return this.unstable.snapshot ?? this.storage.snapshot();
  }

  /** Entries from `lo` on, at most `max`; undefined when `lo` was compacted away. */
  entriesFrom(lo: number, max: number): Entry[] | undefined {
    if (lo < this.firstIndex()) return undefined;
    const last = this.lastIndex();
    if (lo > last) return [];
    return this.slice(lo, Math.min(last + 1, lo + max));
  }

  /** Installs a snapshot: the log becomes exactly the snapshot, committed at its index. */
  restore(snapshot: Snapshot): void {
    this.committed = snapshot.meta.index;
    this.unstable.restore(snapshot);
  }

  /** Entries in [lo, hi), stitched from storage and the unstable tail. */
  private slice(lo: number, hi: number): Entry[] {
    const offset = this.unstable.offset;
    const out = lo < offset ? this.storage.entries(lo, Math.min(hi, offset)) : [];
    if (hi > offset) {
      const tail = this.unstable.slice(Math.max(lo, offset), hi);
      return out.length === 0 ? tail : out.concat(tail);
    }
    return out;
  }
}
