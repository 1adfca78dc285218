import type { ConfState, Entry, HardState, Snapshot } from "./types";

/**
 * The stable-storage view the core reads from. A host keeps it in step with what it
 * persisted from each Ready (entries, hard state, snapshot); the core never writes it.
 * `MemoryStorage` is the in-memory reference; a Durable Object shell implements the same
 * reads over SQLite rows.
 */
export interface Storage {
  /** Hard state and membership as of the last persisted snapshot. */
  initialState(): { hardState: HardState; confState: ConfState };
  /** Entries with index in [lo, hi). Callers stay within [firstIndex, lastIndex + 1). */
  entries(lo: number, hi: number): Entry[];
  /** The term of entry `index`, or undefined if compacted away (below firstIndex - 1) or absent. */
  term(index: number): number | undefined;
  /** Index of the first entry still held (the snapshot's index + 1). */
  firstIndex(): number;
  lastIndex(): number;
  /** The most recent snapshot. */
  snapshot(): Snapshot;
}

/**
 * Storage in memory. Invariant: `ents[0]` is a placeholder whose index and term are the
 * snapshot's, so entry i lives at `ents[i - ents[0].index]`.
 */
export class MemoryStorage implements Storage {
  private hardState: HardState = { term: 0, vote: 0, commit: 0 };
  private snap: Snapshot;
  private ents: Entry[];

  /** An empty log whose initial membership is `conf` (a snapshot at index 0). */
  constructor(conf: ConfState) {
    this.snap = { meta: { index: 0, term: 0, conf: cloneConf(conf) }, data: new Uint8Array() };
    this.ents = [placeholder(0, 0)];
  }

  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: { ...this.hardState }, confState: cloneConf(this.snap.meta.conf) };
  }

  setHardState(hs: HardState): void {
    this.hardState = { ...hs };
  }

  entries(lo: number, hi: number): Entry[] {
    const offset = this.offset();
    if (lo <= offset) throw new Error(`entries(${lo}) below first index ${offset + 1}`);
    if (hi > this.lastIndex() + 1) throw new Error(`entries(..${hi}) beyond last index`);
    return this.ents.slice(lo - offset, hi - offset);
  }

  term(index: number): number | undefined {
    const offset = this.offset();
    if (index < offset || index > this.lastIndex()) return undefined;
    return this.ents[index - offset]?.term;
  }

  firstIndex(): number {
    return this.offset() + 1;
  }

  lastIndex(): number {
    return this.offset() + this.ents.length - 1;
  }

  snapshot(): Snapshot {
    return this.snap;
  }

  /** Replaces the whole log with a received snapshot (older snapshots are ignored). */
  applySnapshot(snap: Snapshot): void {
    if (snap.meta.index <= this.snap.meta.index) return;
    this.snap = snap;
    this.ents = [placeholder(snap.meta.index, snap.meta.term)];
  }

  /** Records a snapshot of the applied state at `index` (≤ last index); keeps the log. */
  createSnapshot(index: number, conf: ConfState, data: Uint8Array): Snapshot {
    if (index <= this.snap.meta.index) return this.snap;
    const term = this.term(index);
    if (term === undefined) throw new Error(`createSnapshot(${index}) beyond last index`);
    this.snap = { meta: { index, term, conf: cloneConf(conf) }, data };
    return this.snap;
  }

  /** Drops entries before `index`; entry `index` becomes the placeholder. */
  compact(index: number): void {
    const offset = this.offset();
    if (index <= offset) return;
    if (index > this.lastIndex()) throw new Error(`compact(${index}) beyond last index`);
    const term = this.term(index) as number;
    this.ents = [placeholder(index, term), ...this.ents.slice(index - offset + 1)];
  }

  /** Appends entries, first truncating any conflicting suffix they replace. */
  append(entries: readonly Entry[]): void {
    const first = entries[0];
    if (!first) return;
    const offset = this.offset();
    const last = entries[entries.length - 1] as Entry;
    if (last.index <= offset) return;
    const kept = first.index <= offset ? entries.slice(offset + 1 - first.index) : entries;
    const start = (kept[0] as Entry).index;
    if (start > this.lastIndex() + 1)
      throw new Error(`append gap: ${start} after ${this.lastIndex()}`);
    this.ents.length = start - offset;
    for (const e of kept) this.ents.push(e);
  }

  private offset(): number {
    return (this.ents[0] as Entry).index;
  }
}

function placeholder(index: number, term: number): Entry {
  return { index, term, type: "normal", data: new Uint8Array() };
}

function cloneConf(conf: ConfState): ConfState {
  return { voters: [...conf.voters], learners: [...conf.learners] };
}
