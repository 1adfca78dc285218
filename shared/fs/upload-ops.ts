/**
 * The upload-intent operations of the namespace: begin, record a part, commit a simple
 * upload, complete a session, abort, expire. They keep the intents of a volume and the GC
 * sweep table consistent: an intent joins running sweeps when it begins, every chunk it
 * names is checked against the sweeps it overlaps, and closing it releases it from them.
 */
import { compareUtf8 } from "../kv/text";
import { type RpcFailure, rpcFail } from "../rpc-result";
import { mergedAttrs } from "./file-attrs";
import { type SweepTable, uploadKey } from "./gc-sweeps";
import { MAX_FILE_CHUNKS, MAX_OPEN_UPLOADS } from "./limits";
import { formatPath } from "./paths";
import type { ChunkRef, FileAttrs, FsOp, FsResult, FsSuccessOf } from "./types";
import { partInfos, type UploadRecord, uploadInfo } from "./uploads";
import { pathOrProblem } from "./validate";
import type { Volume } from "./volume";

type OpOf<K extends FsOp["kind"]> = Extract<FsOp, { kind: K }>;

export class UploadOps {
  /** `sweeps` is the namespace's table, shared (it is never replaced, only reloaded). */
  constructor(private readonly sweeps: SweepTable) {}

  /** Opens an intent; it joins every running sweep over the volume's ring. */
  begin(volume: Volume, op: OpOf<"beginUpload">, now: number): FsResult {
    const path = pathOrProblem(op.path, "op.path");
    if (!path.ok) return path;
    if (volume.uploads.get(op.id)) {
      return rpcFail("conflict", `upload ${op.id} is already open`, { field: "op.id" });
    }
    const slot = volume.fileSlot(path.segments);
    if (slot) return slot;
    if (volume.uploads.size >= MAX_OPEN_UPLOADS) {
      return rpcFail("unavailable", `${MAX_OPEN_UPLOADS} uploads are open; retry later`, {
        retryAfterSeconds: 60,
      });
    }
    const record: UploadRecord = {
      id: op.id,
      path: formatPath(path.segments),
      openedAt: now,
      expiresAt: op.expiresAt,
      ...(op.attrs && { attrs: mergedAttrs(op.attrs) }),
      parts: new Map(),
    };
    volume.uploads.open(record);
    this.sweeps.uploadBegun(volume.ring, uploadKey(volume.name, op.id));
    return { ok: true, op: "beginUpload", ...uploadInfo(record) };
  }

  /** Records (or replaces) a part of a session. */
  putPart(volume: Volume, op: OpOf<"putPart">, now: number): FsResult {
    const open = this.openUpload(volume, op.id, "op.id", now, true);
    if ("ok" in open) return open;
    const part = {
      size: op.size,
      chunks: op.chunks.map((c) => ({ hash: c.hash, size: c.size })),
      mtime: now,
      ...(op.etag !== undefined && { etag: op.etag }),
    };
    const refused = this.chunkProblem(volume, op.id, op.chunks);
    if (refused) return refused;
    if (volume.uploads.chunksAfter(op.id, op.part, part) > MAX_FILE_CHUNKS) {
      return rpcFail("payload-too-large", `the upload would hold over ${MAX_FILE_CHUNKS} chunks`, {
        field: "op.chunks",
      });
    }
    volume.uploads.putPart(op.id, op.part, part);
    const parts = open.parts.size;
    return { ok: true, op: "putPart", id: op.id, part: op.part, size: op.size, parts };
  }

  /** Commits a simple upload's manifest and closes its intent. */
  commit(volume: Volume, op: OpOf<"commit">, now: number): FsResult {
    const open = this.openUpload(volume, op.upload, "op.upload", now, true);
    if ("ok" in open) return open;
    const path = pathOrProblem(op.path, "op.path");
    if (!path.ok) return path;
    if (formatPath(path.segments) !== open.path) {
      return rpcFail("validation-failed", `upload ${op.upload} was opened for ${open.path}`, {
        field: "op.path",
      });
    }
    if (open.parts.size > 0) {
      return rpcFail("conflict", `upload ${op.upload} has parts; complete it instead`, {
        field: "op.upload",
      });
    }
    const refused = this.chunkProblem(volume, op.upload, op.chunks);
    if (refused) return refused;
    const manifest = {
      size: op.size,
      sha256: op.sha256 ?? null,
      chunks: op.chunks,
      attrs: op.attrs,
    };
    return this.write(volume, op.upload, "commit", manifest, op, now);
  }

  /**
   * Commits a session's parts — those `op.parts` names, each with the etag it was recorded
   * with, or else all — in part order, as the file and closes its intent.
   */
  complete(volume: Volume, op: OpOf<"completeUpload">, now: number): FsResult {
    const open = this.openUpload(volume, op.id, "op.id", now, true);
    if ("ok" in open) return open;
    if (open.parts.size === 0) {
      return rpcFail("validation-failed", `upload ${op.id} has no parts`, { field: "op.id" });
    }
    const named = op.parts && namedParts(open, op.parts);
    if (named && !Array.isArray(named)) return named;
    const { size, chunks } = volume.uploads.manifest(op.id, named);
    if (op.size !== undefined && op.size !== size) {
      return rpcFail("validation-failed", `the parts hold ${size} bytes, not ${op.size}`, {
        field: "op.size",
      });
    }
    const refused = this.chunkProblem(volume, op.id, chunks);
    if (refused) return refused;
    const attrs = mergedAttrs(open.attrs, op.attrs);
    const manifest = { size, sha256: op.sha256 ?? null, chunks, attrs };
    return this.write(volume, op.id, "completeUpload", manifest, op, now);
  }

  /** An open session's parts, each with its size, etag and time, and its attributes. */
  parts(volume: Volume, op: OpOf<"uploadParts">, now: number): FsResult {
    const open = this.openUpload(volume, op.id, "op.id", now, true);
    if ("ok" in open) return open;
    return {
      ok: true,
      op: "uploadParts",
      ...uploadInfo(open),
      attrs: open.attrs ? (mergedAttrs(open.attrs) as FileAttrs) : null,
      partList: partInfos(open),
    };
  }

  /** A page of a volume's open intents, by path then id; `cursor` continues after one. */
  list(volume: Volume, op: OpOf<"listUploads">): FsResult {
    const all = volume.uploads.all().sort(byPathThenId);
    const { cursor } = op;
    const start =
      cursor === undefined ? 0 : all.findIndex((u) => compareUtf8(uploadCursor(u), cursor) > 0);
    const from = start === -1 ? all.length : start;
    const page = all.slice(from, from + op.limit);
    const more = from + op.limit < all.length;
    const last = page[page.length - 1];
    return {
      ok: true,
      op: "listUploads",
      uploads: page.map(uploadInfo),
      cursor: more && last ? uploadCursor(last) : null,
    };
  }

  /** Writes an upload's file and closes its intent, or changes nothing. */
  private write(
    volume: Volume,
    id: string,
    kind: "commit" | "completeUpload",
    manifest: { size: number; sha256: string | null; chunks: ChunkRef[]; attrs?: FileAttrs },
    pre: { ifMatch?: string; ifNoneMatch?: "*" },
    now: number,
  ): FsResult {
    const record = volume.uploads.get(id) as UploadRecord;
    const segments = record.path === "/" ? [] : record.path.slice(1).split("/");
    const written = volume.writeFile(segments, manifest, pre, now);
    if ("ok" in written) return written;
    this.closeUpload(volume, id);
    const result: FsSuccessOf<"commit"> = { ok: true, op: kind, path: record.path, ...written };
    return result;
  }

  /** The open intent `id` (unexpired at `now` when `mustBeLive`), or not-found. */
  openUpload(
    volume: Volume,
    id: string,
    field: string,
    now: number,
    mustBeLive: boolean,
  ): UploadRecord | RpcFailure {
    const record = volume.uploads.get(id);
    if (!record) return rpcFail("not-found", `no open upload ${id}`, { field });
    if (mustBeLive && record.expiresAt <= now) {
      return rpcFail("not-found", `upload ${id} expired at ${record.expiresAt}`, { field });
    }
    return record;
  }

  /** A chunk the intent may not use (its size disagrees, or a sweep doomed it), as a problem. */
  private chunkProblem(volume: Volume, id: string, chunks: readonly ChunkRef[]): RpcFailure | null {
    const clash = volume.sizeClash(chunks, "op.chunks");
    if (clash) return clash;
    const hit = this.sweeps.doomedFor(uploadKey(volume.name, id), chunks);
    if (!hit) return null;
    return rpcFail(
      "unavailable",
      `retry: chunk ${hit.hash} is being collected (sweep ${hit.sweep}); abort upload ${id} and upload again with a new one`,
      { retryAfterSeconds: 30, field: "op.chunks" },
    );
  }

  /** Closes an intent: its parts are released and no sweep guards it any more. */
  closeUpload(volume: Volume, id: string): void {
    volume.uploads.close(id);
    this.sweeps.uploadClosed(uploadKey(volume.name, id));
  }
}

/**
 * The part numbers `wanted` names, checked against what the session recorded: ascending,
 * each recorded, each with the etag it was recorded with.
 */
function namedParts(
  record: UploadRecord,
  wanted: readonly { part: number; etag: string }[],
): number[] | RpcFailure {
  const numbers: number[] = [];
  for (const [i, { part, etag }] of wanted.entries()) {
    const field = `op.parts[${i}]`;
    if (i > 0 && part <= (numbers[i - 1] as number)) {
      return rpcFail(
        "validation-failed",
        `part ${part} follows part ${numbers[i - 1]}; list parts in ascending order`,
        {
          field: `${field}.part`,
        },
      );
    }
    const recorded = record.parts.get(part);
    if (!recorded || recorded.etag !== etag) {
      return rpcFail(
        "validation-failed",
        recorded
          ? `part ${part} was recorded with etag ${recorded.etag ?? "(none)"}, not ${etag}`
          : `part ${part} was never recorded`,
        { field: `${field}.etag` },
      );
    }
    numbers.push(part);
  }
  return numbers;
}

/** The listing order of intents: a cursor is `path` NUL `id` (NUL is in no path or id). */
function uploadCursor(record: UploadRecord): string {
  return `${record.path}\u0000${record.id}`;
}

function byPathThenId(a: UploadRecord, b: UploadRecord): number {
  return compareUtf8(uploadCursor(a), uploadCursor(b));
}
