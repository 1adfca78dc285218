/**
 * The upload intents of one volume. Every upload — a simple streamed PUT or a multipart
 * session — opens an intent through consensus before it writes or deduplicates any chunk,
 * and the intent stays open until a commit, an abort or its expiry closes it. Intents are
 * what lets garbage collection know an upload overlapped a sweep (see `gc-sweeps.ts`).
 */
import { RefCounts } from "./ref-counts";
import type { ChunkRef, FileAttrs, PartInfo, UploadInfo } from "./types";

/** One recorded part of a multipart session. */
export interface UploadPart {
  /** Invariant: the sum of `chunks`' sizes. */
  size: number;
  chunks: ChunkRef[];
  /** The entity tag the writer computed for the part (S3's part MD5), if it sent one. */
  etag?: string;
  /** When the part was recorded (the leader's clock). */
  mtime: number;
}

/** An open intent, as kept in the state and in snapshots. */
export interface UploadRecord {
  id: string;
  /** Canonical path of the file the upload will write. */
  path: string;
  openedAt: number;
  /** Closed by `expireUploads` at or after this time; refused by a commit at or after it. */
  expiresAt: number;
  /** The attributes the completed file will carry. */
  attrs?: FileAttrs;
  /** Parts by number, in any order in the state; ascending in snapshots and manifests. */
  parts: Map<number, UploadPart>;
}

export class UploadTable {
  private records = new Map<string, UploadRecord>();
  /** Invariant: counts exactly the chunks of every recorded part of every open intent. */
  readonly pinned = new RefCounts();

  get size(): number {
    return this.records.size;
  }

  get(id: string): UploadRecord | undefined {
    return this.records.get(id);
  }

  open(record: UploadRecord): void {
    this.records.set(record.id, record);
    for (const part of record.parts.values()) this.pinned.add(part.chunks);
  }

  /** Records (or replaces) a part. The caller has checked `chunksAfter` against the bound. */
  putPart(id: string, number: number, part: UploadPart): void {
    const record = this.records.get(id) as UploadRecord;
    const old = record.parts.get(number);
    if (old) this.pinned.remove(old.chunks);
    record.parts.set(number, part);
    this.pinned.add(part.chunks);
  }

  /** Chunks the session's manifest would hold with `part` recorded as number `number`. */
  chunksAfter(id: string, number: number, part: UploadPart): number {
    const record = this.records.get(id) as UploadRecord;
    let total = part.chunks.length;
    for (const [n, p] of record.parts) if (n !== number) total += p.chunks.length;
    return total;
  }

  /** Closes an intent, releasing its parts. */
  close(id: string): void {
    const record = this.records.get(id);
    if (!record) return;
    for (const part of record.parts.values()) this.pinned.remove(part.chunks);
    this.records.delete(id);
  }

  /** The manifest of the session's `numbers` (all its parts when absent), in that order, concatenated. */
  manifest(id: string, numbers?: readonly number[]): { size: number; chunks: ChunkRef[] } {
    const record = this.records.get(id) as UploadRecord;
    const chunks: ChunkRef[] = [];
    let size = 0;
    for (const n of numbers ?? partNumbers(record)) {
      const part = record.parts.get(n) as UploadPart;
      chunks.push(...part.chunks);
      size += part.size;
    }
    return { size, chunks };
  }

  /** Ids of intents expired at `now`, sorted. */
  expired(now: number): string[] {
    const ids: string[] = [];
    for (const record of this.records.values()) if (record.expiresAt <= now) ids.push(record.id);
    return ids.sort();
  }

  /** The earliest expiry, or null without intents. */
  nextDeadline(): number | null {
    let next: number | null = null;
    for (const { expiresAt } of this.records.values()) {
      if (next === null || expiresAt < next) next = expiresAt;
    }
    return next;
  }

  /** Every intent, sorted by id. */
  all(): UploadRecord[] {
    return [...this.records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** Part numbers of an intent, ascending. */
export function partNumbers(record: UploadRecord): number[] {
  return [...record.parts.keys()].sort((a, b) => a - b);
}

export function uploadInfo(record: UploadRecord): UploadInfo {
  return {
    id: record.id,
    path: record.path,
    openedAt: record.openedAt,
    expiresAt: record.expiresAt,
    parts: partNumbers(record),
  };
}

/** The recorded parts of an intent, ascending, as `uploadParts` answers them. */
export function partInfos(record: UploadRecord): PartInfo[] {
  return partNumbers(record).map((part) => {
    const { size, etag, mtime } = record.parts.get(part) as UploadPart;
    return { part, size, etag: etag ?? null, mtime };
  });
}
