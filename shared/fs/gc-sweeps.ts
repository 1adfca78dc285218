/**
 * Garbage collection of chunks that fails closed.
 *
 * Chunks are immutable and content-addressed, so uploads deduplicate: an uploader skips a
 * chunk the ring already holds. That makes deletion dangerous — the chunk a sweep judged
 * garbage may be the one an in-flight upload just decided not to write, and a simple PUT's
 * chunks are not known to the namespace until its commit. The protocol:
 *
 * Uploader:
 * 1. `beginUpload` commits before the uploader writes or looks up any chunk.
 * 2. It writes its chunks (skipping those the ring already has), then `commit`s (a simple
 *    PUT) or `putPart`s and `completeUpload`s (a session).
 * 3. A commit or part refused with 503 "chunk being collected" is not retried under the same
 *    intent: the uploader aborts it and starts over with a new one.
 *
 * Collector:
 * 1. Lists (a batch of) the ring's chunks. A listing that failed or may be truncated is
 *    proposed with `complete: false` — and refused: nothing is deleted on a partial view.
 * 2. Proposes `gcBegin {sweep, listed, complete: true}`. At that log position the state
 *    machine answers `deletable`: the listed hashes that no file of any volume over the ring
 *    references and no open intent's recorded part holds (`planSweep`). It records them as
 *    the sweep's doomed set, and records every intent open over the ring as overlapping.
 * 3. Deletes exactly `deletable`, then — only once every delete has finished — proposes
 *    `gcEnd {sweep}`.
 *
 * Namespace: while a sweep runs, every intent begun over its ring joins its overlapping
 * set. A `commit`, `putPart` or `completeUpload` of an intent that overlaps a sweep is
 * refused (503) if it names a chunk of that sweep's doomed set. An ended sweep is kept
 * until none of its overlapping intents is open any more, then dropped.
 *
 * Why it is safe: a committed manifest names only chunks that were (a) referenced or pinned
 * when a sweep began — never doomed by it — or (b) known to the uploader only through
 * writes and lookups made after its intent began. Case (b) with an intent that began after
 * a sweep's `gcEnd` sees the store after every delete of that sweep finished, so a chunk it
 * skipped is really there. With an intent that overlapped the sweep, its lookups may predate
 * a delete — and that is exactly the case the doomed-set check refuses, for as long as the
 * intent stays open. A sweep's doomed set is fixed at `gcBegin`, so a chunk that becomes
 * garbage later waits for a later sweep.
 */
import { rpcFail } from "../rpc-result";
import { MAX_SWEEPS } from "./limits";
import type { ChunkRef, FsOp, FsResult } from "./types";
import type { Volume } from "./volume";

/** One sweep, as kept in the state and in snapshots. */
export interface SweepRecord {
  id: string;
  ring: string;
  /** False until `gcEnd`. */
  ended: boolean;
  /** Hashes the collector was allowed to delete; fixed at `gcBegin`. */
  doomed: Set<string>;
  /**
   * Keys (`volume/id`) of intents over the ring that were open at `gcBegin` or began while
   * the sweep ran, and are still open. Invariant: an ended sweep has at least one.
   */
  overlapping: Set<string>;
}

/** The first doomed chunk an intent may not use, and the sweep that doomed it. */
export interface DoomedHit {
  sweep: string;
  hash: string;
}

/**
 * The pure planner: which listed hashes a sweep may delete — distinct, sorted, and none
 * that `isProtected` (referenced by a file or held by an open intent's part).
 */
export function planSweep(listed: readonly string[], isProtected: (hash: string) => boolean) {
  return [...new Set(listed)].filter((hash) => !isProtected(hash)).sort();
}

/** The key an intent is known by in sweeps: unique across volumes. */
export function uploadKey(volume: string, id: string): string {
  return `${volume}/${id}`;
}

export class SweepTable {
  private sweeps = new Map<string, SweepRecord>();

  get size(): number {
    return this.sweeps.size;
  }

  has(id: string): boolean {
    return this.sweeps.has(id);
  }

  get(id: string): SweepRecord | undefined {
    return this.sweeps.get(id);
  }

  begin(id: string, ring: string, doomed: readonly string[], open: readonly string[]): void {
    this.sweeps.set(id, {
      id,
      ring,
      ended: false,
      doomed: new Set(doomed),
      overlapping: new Set(open),
    });
  }

  /** Ends a running sweep; answers whether it is kept to guard overlapping intents. */
  end(id: string): boolean {
    const sweep = this.sweeps.get(id) as SweepRecord;
    sweep.ended = true;
    if (sweep.overlapping.size > 0) return true;
    this.sweeps.delete(id);
    return false;
  }

  /** An intent began over `ring`: it overlaps every sweep of the ring still running. */
  uploadBegun(ring: string, key: string): void {
    for (const sweep of this.sweeps.values()) {
      if (sweep.ring === ring && !sweep.ended) sweep.overlapping.add(key);
    }
  }

  /** An intent closed: it no longer needs guarding; ended sweeps guarding nothing go. */
  uploadClosed(key: string): void {
    for (const sweep of [...this.sweeps.values()]) {
      sweep.overlapping.delete(key);
      if (sweep.ended && sweep.overlapping.size === 0) this.sweeps.delete(sweep.id);
    }
  }

  /** The first chunk of `chunks` the intent `key` may not use (sweeps in id order), if any. */
  doomedFor(key: string, chunks: readonly ChunkRef[]): DoomedHit | null {
    for (const sweep of this.all()) {
      if (!sweep.overlapping.has(key)) continue;
      for (const { hash } of chunks) if (sweep.doomed.has(hash)) return { sweep: sweep.id, hash };
    }
    return null;
  }

  /** Every sweep, sorted by id. */
  all(): SweepRecord[] {
    return [...this.sweeps.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Replaces the table with records from a snapshot. */
  load(records: readonly SweepRecord[]): void {
    this.sweeps = new Map(records.map((r) => [r.id, r]));
  }
}

/**
 * Applies `gcBegin` over `volume`'s ring: refused whole on an incomplete listing; otherwise
 * plans the sweep against every volume over that ring and records it.
 */
export function beginSweep(
  sweeps: SweepTable,
  volumes: readonly Volume[],
  volume: Volume,
  op: Extract<FsOp, { kind: "gcBegin" }>,
): FsResult {
  if (!op.complete) {
    return rpcFail(
      "unavailable",
      "the chunk listing is incomplete; nothing may be deleted (retry with a complete listing)",
      { field: "op.complete", retryAfterSeconds: 60 },
    );
  }
  if (sweeps.has(op.sweep)) {
    return rpcFail("conflict", `sweep ${op.sweep} already exists`, { field: "op.sweep" });
  }
  if (sweeps.size >= MAX_SWEEPS) {
    return rpcFail("unavailable", `${MAX_SWEEPS} sweeps are kept; retry later`, {
      retryAfterSeconds: 60,
    });
  }
  const ring = volume.ring;
  const sharing = volumes.filter((v) => v.ring === ring);
  const deletable = planSweep(op.listed, (hash) =>
    sharing.some((v) => v.fileRefs.has(hash) || v.uploads.pinned.has(hash)),
  );
  const open: string[] = [];
  for (const v of sharing) for (const r of v.uploads.all()) open.push(uploadKey(v.name, r.id));
  sweeps.begin(op.sweep, ring, deletable, open);
  return { ok: true, op: "gcBegin", sweep: op.sweep, ring, deletable };
}
