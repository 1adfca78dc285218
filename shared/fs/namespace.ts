/**
 * The file system's namespace as a replicated state machine: volumes (each a tree of
 * directories and files with chunk manifests, and its open upload intents) and the
 * garbage-collection sweeps over their rings. Pure and deterministic — time arrives in
 * every command as `now`, stamped by the leader. Reads (`stat`, `list`, `volumeInfo`) go
 * through `apply` as well, for linearizable answers, and change nothing.
 */
import type { StateMachine } from "../consensus/state-machine";
import { type RpcFailure, rpcFail } from "../rpc-result";
import { planSweep, SweepTable, uploadKey } from "./gc-sweeps";
import {
  DEFAULT_GROUP_NAME,
  DEFAULT_RING,
  DEFAULT_VOLUME,
  MAX_FILE_CHUNKS,
  MAX_OPEN_UPLOADS,
  MAX_SWEEPS,
  MAX_VOLUMES,
} from "./limits";
import { formatPath } from "./paths";
import { decodeSnapshot, encodeSnapshot } from "./snapshot-codec";
import { newDir } from "./tree";
import type { ChunkRef, FsCommand, FsOp, FsResult, FsSuccessOf } from "./types";
import { type UploadRecord, uploadInfo } from "./uploads";
import { pathOrProblem, validateFsCommand } from "./validate";
import { Volume } from "./volume";

type OpOf<K extends FsOp["kind"]> = Extract<FsOp, { kind: K }>;

/**
 * Invariants: the `default` volume always exists; a hash no volume over a ring references
 * and no open intent over it pins is the only kind a sweep may doom; every key in a sweep's
 * overlapping set names an open intent over the sweep's ring.
 */
export class FsNamespace implements StateMachine<FsCommand, FsResult> {
  private volumes = new Map<string, Volume>();
  private sweeps = new SweepTable();

  constructor() {
    this.reset();
  }

  /** Never throws on bad input: an invalid or impossible command answers a problem and changes nothing. */
  apply(command: FsCommand, _index: number): FsResult {
    const invalid = validateFsCommand(command);
    if (invalid) return invalid;
    const { op, now } = command;
    if (op.kind === "createVolume") {
      return this.createVolume(command.volume, op.ring, op.group ?? DEFAULT_GROUP_NAME, now);
    }
    const volume = this.volumes.get(command.volume);
    if (!volume) {
      return rpcFail("not-found", `volume ${command.volume} does not exist`, { field: "volume" });
    }
    switch (op.kind) {
      case "volumeInfo":
        return { ok: true, op: "volumeInfo", ...volume.info() };
      case "mkdir":
        return withPath(op.path, "op.path", (p) => volume.mkdir(p, op.parents, now));
      case "stat":
        return withPath(op.path, "op.path", (p) => volume.stat(p, "op.path"));
      case "list":
        return withPath(op.path, "op.path", (p) =>
          volume.list(p, op.limit, op.cursor ?? null, "op.path"),
        );
      case "rename":
        return withPath(op.from, "op.from", (from) =>
          withPath(op.to, "op.to", (to) => volume.rename(from, to, op.ifMatch, now)),
        );
      case "delete":
        return withPath(op.path, "op.path", (p) => volume.delete(p, op.recursive, op.ifMatch, now));
      case "beginUpload":
        return this.beginUpload(volume, op, now);
      case "putPart":
        return this.putPart(volume, op, now);
      case "commit":
        return this.commit(volume, op, now);
      case "completeUpload":
        return this.completeUpload(volume, op, now);
      case "abortUpload": {
        const open = this.openUpload(volume, op.id, "op.id", now, false);
        if ("ok" in open) return open;
        this.closeUpload(volume, op.id);
        return { ok: true, op: "abortUpload", id: op.id };
      }
      case "expireUploads": {
        const expired = volume.uploads.expired(now);
        for (const id of expired) this.closeUpload(volume, id);
        return { ok: true, op: "expireUploads", expired };
      }
      case "gcBegin":
        return this.gcBegin(volume, op);
      case "gcEnd": {
        if (!this.sweeps.get(op.sweep) || this.sweeps.get(op.sweep)?.ended) {
          return rpcFail("not-found", `no running sweep ${op.sweep}`, { field: "op.sweep" });
        }
        return { ok: true, op: "gcEnd", sweep: op.sweep, retained: this.sweeps.end(op.sweep) };
      }
    }
  }

  /** Intents the leader should expire at `now`, by volume then id (propose `expireUploads`). */
  expiredUploads(now: number): { volume: string; id: string }[] {
    const due: { volume: string; id: string }[] = [];
    for (const name of this.volumeNames()) {
      const volume = this.volumes.get(name) as Volume;
      for (const id of volume.uploads.expired(now)) due.push({ volume: name, id });
    }
    return due;
  }

  /** The earliest intent expiry over all volumes, for the leader's timer; null without intents. */
  nextUploadDeadline(): number | null {
    let next: number | null = null;
    for (const volume of this.volumes.values()) {
      const deadline = volume.uploads.nextDeadline();
      if (deadline !== null && (next === null || deadline < next)) next = deadline;
    }
    return next;
  }

  /** The first volume (by name) with an intent expired at `now`, or null. */
  volumeWithExpiredUploads(now: number): string | null {
    for (const name of this.volumeNames()) {
      if ((this.volumes.get(name) as Volume).uploads.expired(now).length > 0) return name;
    }
    return null;
  }

  /** The command a leader proposes at `now` to expire due intents (one volume at a time). */
  dueWork(now: number): FsCommand | undefined {
    const volume = this.volumeWithExpiredUploads(now);
    return volume === null ? undefined : { type: "fs", volume, now, op: { kind: "expireUploads" } };
  }

  /** Volume names, sorted. */
  volumeNames(): string[] {
    return [...this.volumes.keys()].sort();
  }

  snapshot(): Uint8Array {
    return encodeSnapshot(
      this.volumeNames().map((name) => this.volumes.get(name) as Volume),
      this.sweeps.all(),
    );
  }

  restore(snapshot: Uint8Array): void {
    const state = decodeSnapshot(snapshot);
    this.volumes = new Map(state.volumes.map((v) => [v.name, v]));
    this.sweeps = new SweepTable();
    this.sweeps.load(state.sweeps);
  }

  private reset(): void {
    this.volumes = new Map([
      [DEFAULT_VOLUME, new Volume(DEFAULT_VOLUME, DEFAULT_RING, DEFAULT_GROUP_NAME, newDir(0, 0))],
    ]);
    this.sweeps = new SweepTable();
  }

  private createVolume(name: string, ring: string, group: string, now: number): FsResult {
    if (this.volumes.has(name)) {
      return rpcFail("conflict", `volume ${name} already exists`, { field: "volume" });
    }
    if (this.volumes.size >= MAX_VOLUMES) {
      return rpcFail("conflict", `the namespace holds ${MAX_VOLUMES} volumes, the most it may`, {
        field: "volume",
      });
    }
    this.volumes.set(name, new Volume(name, ring, group, newDir(now, 0)));
    return { ok: true, op: "createVolume", volume: name, group, ring };
  }

  private beginUpload(volume: Volume, op: OpOf<"beginUpload">, now: number): FsResult {
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
      parts: new Map(),
    };
    volume.uploads.open(record);
    this.sweeps.uploadBegun(volume.ring, uploadKey(volume.name, op.id));
    return { ok: true, op: "beginUpload", ...uploadInfo(record) };
  }

  private putPart(volume: Volume, op: OpOf<"putPart">, now: number): FsResult {
    const open = this.openUpload(volume, op.id, "op.id", now, true);
    if ("ok" in open) return open;
    const part = { size: op.size, chunks: op.chunks };
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

  private commit(volume: Volume, op: OpOf<"commit">, now: number): FsResult {
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
    const manifest = { size: op.size, sha256: op.sha256, chunks: op.chunks };
    return this.write(volume, op.upload, "commit", manifest, op, now);
  }

  private completeUpload(volume: Volume, op: OpOf<"completeUpload">, now: number): FsResult {
    const open = this.openUpload(volume, op.id, "op.id", now, true);
    if ("ok" in open) return open;
    if (open.parts.size === 0) {
      return rpcFail("validation-failed", `upload ${op.id} has no parts`, { field: "op.id" });
    }
    const { size, chunks } = volume.uploads.manifest(op.id);
    if (op.size !== undefined && op.size !== size) {
      return rpcFail("validation-failed", `the parts hold ${size} bytes, not ${op.size}`, {
        field: "op.size",
      });
    }
    const refused = this.chunkProblem(volume, op.id, chunks);
    if (refused) return refused;
    const manifest = { size, sha256: op.sha256 ?? null, chunks };
    return this.write(volume, op.id, "completeUpload", manifest, op, now);
  }

  /** Writes an upload's file and closes its intent, or changes nothing. */
  private write(
    volume: Volume,
    id: string,
    kind: "commit" | "completeUpload",
    manifest: { size: number; sha256: string | null; chunks: ChunkRef[] },
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

  /** The open, unexpired intent `id`, or not-found. */
  private openUpload(
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

  private closeUpload(volume: Volume, id: string): void {
    volume.uploads.close(id);
    this.sweeps.uploadClosed(uploadKey(volume.name, id));
  }

  private gcBegin(volume: Volume, op: OpOf<"gcBegin">): FsResult {
    if (!op.complete) {
      return rpcFail(
        "unavailable",
        "the chunk listing is incomplete; nothing may be deleted (retry with a complete listing)",
        { field: "op.complete", retryAfterSeconds: 60 },
      );
    }
    if (this.sweeps.has(op.sweep)) {
      return rpcFail("conflict", `sweep ${op.sweep} already exists`, { field: "op.sweep" });
    }
    if (this.sweeps.size >= MAX_SWEEPS) {
      return rpcFail("unavailable", `${MAX_SWEEPS} sweeps are kept; retry later`, {
        retryAfterSeconds: 60,
      });
    }
    const ring = volume.ring;
    const sharing = [...this.volumes.values()].filter((v) => v.ring === ring);
    const deletable = planSweep(op.listed, (hash) =>
      sharing.some((v) => v.fileRefs.has(hash) || v.uploads.pinned.has(hash)),
    );
    const open: string[] = [];
    for (const v of sharing) for (const r of v.uploads.all()) open.push(uploadKey(v.name, r.id));
    this.sweeps.begin(op.sweep, ring, deletable, open);
    return { ok: true, op: "gcBegin", sweep: op.sweep, ring, deletable };
  }
}

function withPath(
  raw: string,
  field: string,
  then: (path: { segments: string[]; directory: boolean }) => FsResult,
): FsResult {
  const parsed = pathOrProblem(raw, field);
  return parsed.ok ? then(parsed) : parsed;
}
