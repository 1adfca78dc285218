/**
 * The file system's namespace as a replicated state machine: volumes (each a tree of
 * directories and files with chunk manifests, and its open upload intents) and the
 * garbage-collection sweeps over their rings. Pure and deterministic — time arrives in
 * every command as `now`, stamped by the leader. Reads (`stat`, `list`, `volumeInfo`) go
 * through `apply` as well, for linearizable answers, and change nothing.
 */
import type { StateMachine } from "../consensus/state-machine";
import { rpcFail } from "../rpc-result";
import { beginSweep, SweepTable } from "./gc-sweeps";
import { scanKeys } from "./key-scan";
import {
  DEFAULT_GROUP_NAME,
  DEFAULT_RING,
  DEFAULT_VOLUME,
  MAX_RETIRED_VOLUMES,
  MAX_VOLUMES,
} from "./limits";
import { isFsReadOp } from "./read-ops";
import { decodeSnapshot, encodeSnapshot } from "./snapshot-codec";
import { newDir } from "./tree";
import type { FsCommand, FsResult, RetiredVolume, VolumeRecord } from "./types";
import { UploadOps } from "./upload-ops";
import { pathOrProblem, validateFsCommand } from "./validate";
import { Volume } from "./volume";
import { deleteEntry, renameEntry } from "./volume-moves";

/**
 * Invariants: the `default` volume always exists; a hash no volume over a ring references
 * and no open intent over it pins is the only kind a sweep may doom; every key in a sweep's
 * overlapping set names an open intent over the sweep's ring.
 */
export class FsNamespace implements StateMachine<FsCommand, FsResult> {
  private volumes = new Map<string, Volume>();
  /** Deleted volumes' placements, by name: a name is bound to its group and ring for good. */
  private retired = new Map<string, RetiredVolume>();
  /** Never replaced (the upload operations hold it); `restore` reloads it. */
  private readonly sweeps = new SweepTable();
  private readonly uploadOps = new UploadOps(this.sweeps);

  constructor() {
    this.reset();
  }

  /** Never throws on bad input: an invalid or impossible command answers a problem and changes nothing. */
  apply(command: FsCommand, _index: number): FsResult {
    const result = this.applyValid(command);
    if (result.ok && !isFsReadOp(command.op.kind)) this.stampDefaultVolume(command.now);
    return result;
  }

  private applyValid(command: FsCommand): FsResult {
    const invalid = validateFsCommand(command);
    if (invalid) return invalid;
    const { op, now } = command;
    if (op.kind === "createVolume") {
      return this.createVolume(command.volume, op.ring, op.group ?? DEFAULT_GROUP_NAME, now);
    }
    if (op.kind === "listVolumes") return { ok: true, op: "listVolumes", volumes: this.records() };
    const volume = this.volumes.get(command.volume);
    if (!volume) {
      return rpcFail("not-found", `volume ${command.volume} does not exist`, { field: "volume" });
    }
    switch (op.kind) {
      case "volumeInfo":
        return { ok: true, op: "volumeInfo", ...volume.info() };
      case "deleteVolume":
        return this.deleteVolume(volume);
      case "scan":
        return { ok: true, op: "scan", ...scanKeys(volume.root, op) };
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
          withPath(op.to, "op.to", (to) => renameEntry(volume, from, to, op.ifMatch, now)),
        );
      case "delete":
        return withPath(op.path, "op.path", (p) =>
          deleteEntry(
            volume,
            p,
            { recursive: op.recursive, prune: op.prune ?? false },
            op.ifMatch,
            now,
          ),
        );
      case "beginUpload":
        return this.uploadOps.begin(volume, op, now);
      case "putPart":
        return this.uploadOps.putPart(volume, op, now);
      case "commit":
        return this.uploadOps.commit(volume, op, now);
      case "completeUpload":
        return this.uploadOps.complete(volume, op, now);
      case "uploadParts":
        return this.uploadOps.parts(volume, op, now);
      case "listUploads":
        return this.uploadOps.list(volume, op);
      case "abortUpload": {
        const open = this.uploadOps.openUpload(volume, op.id, "op.id", now, false);
        if ("ok" in open) return open;
        this.uploadOps.closeUpload(volume, op.id);
        return { ok: true, op: "abortUpload", id: op.id };
      }
      case "expireUploads": {
        const expired = volume.uploads.expired(now);
        for (const id of expired) this.uploadOps.closeUpload(volume, id);
        return { ok: true, op: "expireUploads", expired };
      }
      case "gcBegin":
        return beginSweep(this.sweeps, [...this.volumes.values()], volume, op);
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
      [...this.retired.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  }

  restore(snapshot: Uint8Array): void {
    const state = decodeSnapshot(snapshot);
    this.volumes = new Map(state.volumes.map((v) => [v.name, v]));
    this.sweeps.load(state.sweeps);
    this.retired = new Map(state.retired.map((r) => [r.name, r]));
  }

  private reset(): void {
    this.volumes = new Map([
      [DEFAULT_VOLUME, new Volume(DEFAULT_VOLUME, DEFAULT_RING, DEFAULT_GROUP_NAME, newDir(0, 0))],
    ]);
    this.sweeps.load([]);
    this.retired = new Map();
  }

  /**
   * The `default` volume exists before any command, so it has no creation time of its
   * own: it takes the time of the first command that goes through the log and succeeds
   * (never a read's, which one replica applies alone; never a refused one's, which changes
   * nothing).
   */
  private stampDefaultVolume(now: number): void {
    const volume = this.volumes.get(DEFAULT_VOLUME);
    if (volume && volume.createdAt === 0) volume.createdAt = now;
  }

  private createVolume(name: string, ring: string, group: string, now: number): FsResult {
    if (this.volumes.has(name)) {
      return rpcFail("conflict", `volume ${name} already exists`, { field: "volume" });
    }
    const retired = this.retired.get(name);
    if (retired && (retired.group !== group || retired.ring !== ring)) {
      return rpcFail(
        "conflict",
        `volume ${name} was deleted; its name stays bound to group ${retired.group} and ring ${retired.ring}`,
        { field: "volume" },
      );
    }
    if (this.volumes.size >= MAX_VOLUMES) {
      return rpcFail("conflict", `the namespace holds ${MAX_VOLUMES} volumes, the most it may`, {
        field: "volume",
      });
    }
    // A sweep of a ring knows the references of this namespace only: every volume over a
    // ring must live in one group, or a sweep here could doom another group's chunks.
    const sharer = [...this.volumes.values()].find((v) => v.ring === ring && v.group !== group);
    if (sharer) {
      return rpcFail(
        "conflict",
        `ring ${ring} holds the chunks of volumes in group ${sharer.group}; a ring serves one group's volumes`,
        { field: "op.ring" },
      );
    }
    const volume = new Volume(name, ring, group, newDir(now, 0));
    volume.createdAt = now;
    this.volumes.set(name, volume);
    this.retired.delete(name);
    return { ok: true, op: "createVolume", volume: name, group, ring };
  }

  /** Every volume's record, by name. */
  private records(): VolumeRecord[] {
    return this.volumeNames().map((name) => {
      const { group, ring, createdAt } = this.volumes.get(name) as Volume;
      return { name, group, ring, createdAt };
    });
  }

  /**
   * Removes a volume that holds no file and no open upload (empty directories go with it).
   * `default` always exists. Its chunks were referenced by nothing, so no sweep loses a
   * reference it counted on.
   */
  private deleteVolume(volume: Volume): FsResult {
    if (volume.name === DEFAULT_VOLUME) {
      return rpcFail("conflict", "volume default always exists", { field: "volume" });
    }
    if (volume.files > 0 || volume.uploads.size > 0) {
      return rpcFail(
        "conflict",
        `volume ${volume.name} holds ${volume.files} files and ${volume.uploads.size} open uploads; delete them first`,
        { field: "volume" },
      );
    }
    if (this.retired.size >= MAX_RETIRED_VOLUMES) {
      return rpcFail(
        "conflict",
        `the namespace remembers ${MAX_RETIRED_VOLUMES} deleted volumes, the most it may`,
        { field: "volume" },
      );
    }
    this.volumes.delete(volume.name);
    this.retired.set(volume.name, { name: volume.name, group: volume.group, ring: volume.ring });
    return { ok: true, op: "deleteVolume", volume: volume.name };
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
