/**
 * One volume's namespace: its tree, counts and chunk references, and the operations that
 * read it or add to it (renames and deletes are in `volume-moves.ts`).
 * Every mutating operation checks everything first and changes state only once it cannot
 * fail, so a refused operation changes nothing. Each one that changes something bumps the
 * volume's `revision` by exactly one; reads and no-ops (mkdir -p of an existing directory,
 * a rename onto itself) leave it alone.
 */
import { type RpcFailure, rpcFail } from "../rpc-result";
import { notDir, underFile } from "./fs-problems";
import { MAX_VOLUME_INODES } from "./limits";
import { formatPath } from "./paths";
import { RefCounts } from "./ref-counts";
import {
  attach,
  copyAttrs,
  type DirNode,
  entryOf,
  type FileNode,
  fileEtag,
  namesAfter,
  newDir,
  resolve,
  statOf,
  subtree,
  type TreeNode,
  touchDir,
} from "./tree";
import type { ChunkRef, FileAttrs, FileStat, FsSuccessOf, VolumeInfo } from "./types";
import { UploadTable } from "./uploads";

/** A path as the volume's operations take it: parsed segments and the trailing-slash mark. */
export interface VolumePath {
  segments: string[];
  directory: boolean;
}

/** What a file write is checked against. */
export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: "*";
}

export class Volume {
  /** Namespace changes so far; every node's `revision` is at most this. */
  revision = 0;
  /** When the volume was created (the leader's clock); 0 for `default`, which always was. */
  createdAt = 0;
  /** Invariant: files, directories (root included) and file bytes in `root`'s tree. */
  files = 0;
  dirs = 1;
  bytes = 0;
  /** Invariant: counts exactly the chunks of every file in the tree. */
  readonly fileRefs = new RefCounts();
  readonly uploads = new UploadTable();

  constructor(
    readonly name: string,
    readonly ring: string,
    /** The consensus group recorded as holding this volume (the namespace does not check it). */
    readonly group: string,
    public root: DirNode,
  ) {}

  /** Rebuilds counts and references from `root` (after a restore). */
  recount(): void {
    this.files = 0;
    this.dirs = 0;
    this.bytes = 0;
    for (const node of subtree(this.root)) {
      if (node.type === "dir") this.dirs++;
      else {
        this.files++;
        this.bytes += node.size;
        this.fileRefs.add(node.chunks);
      }
    }
  }

  info(): VolumeInfo {
    const physical = this.fileRefs.physicalBytes;
    return {
      volume: this.name,
      group: this.group,
      ring: this.ring,
      revision: this.revision,
      files: this.files,
      dirs: this.dirs,
      bytes: this.bytes,
      chunks: this.fileRefs.distinct,
      physicalBytes: physical,
      dedupRatio: physical === 0 ? 1 : this.bytes / physical,
      openUploads: this.uploads.size,
    };
  }

  /** A chunk whose hash this volume knows with another size, as a problem. */
  sizeClash(chunks: readonly ChunkRef[], field: string): RpcFailure | null {
    for (const [i, { hash, size }] of chunks.entries()) {
      const known = this.fileRefs.sizeOf(hash) ?? this.uploads.pinned.sizeOf(hash);
      if (known !== undefined && known !== size) {
        return rpcFail("validation-failed", `chunk ${hash} is ${known} bytes, not ${size}`, {
          field: `${field}[${i}].size`,
        });
      }
    }
    return null;
  }

  stat(path: VolumePath, field: string): FsSuccessOf<"stat"> | RpcFailure {
    const node = this.existing(path, field);
    if ("ok" in node) return node;
    return { ok: true, op: "stat", path: formatPath(path.segments), stat: statOf(node) };
  }

  list(
    path: VolumePath,
    limit: number,
    cursor: string | null,
    field: string,
  ): FsSuccessOf<"list"> | RpcFailure {
    const node = this.existing(path, field);
    if ("ok" in node) return node;
    if (node.type !== "dir") return notDir(path.segments, field);
    const page = namesAfter(node, cursor, limit);
    const entries = page.names.map((name) => entryOf(name, node.children.get(name) as TreeNode));
    const last = page.names[page.names.length - 1];
    return {
      ok: true,
      op: "list",
      path: formatPath(path.segments),
      entries,
      cursor: page.more && last !== undefined ? last : null,
    };
  }

  mkdir(path: VolumePath, parents: boolean, now: number): FsSuccessOf<"mkdir"> | RpcFailure {
    const at = formatPath(path.segments);
    const found = resolve(this.root, path.segments);
    if ("fileAt" in found) return underFile(path.segments, found.fileAt, "op.path");
    if (found.found) {
      if (found.node.type === "dir" && parents) {
        return { ok: true, op: "mkdir", path: at, created: [], revision: this.revision };
      }
      return rpcFail("conflict", `${at} already exists`, { field: "op.path" });
    }
    if (found.missingAt < path.segments.length - 1 && !parents) {
      const parent = formatPath(path.segments.slice(0, path.segments.length - 1));
      return rpcFail("not-found", `the parent directory ${parent} does not exist`, {
        field: "op.path",
      });
    }
    const full = this.fullness(path.segments.length - found.missingAt);
    if (full) return full;
    this.revision++;
    const { created } = this.createDirs(
      found.parent,
      path.segments,
      found.missingAt,
      path.segments.length,
      now,
    );
    return { ok: true, op: "mkdir", path: at, created, revision: this.revision };
  }

  /**
   * Creates or replaces the file at `segments` with a manifest. Missing parent directories
   * are created, as an S3 or HDFS create does: the namespace has no dangling path, and an
   * upload does not need a mkdir round trip first. `ifNoneMatch: "*"` fails when a file is
   * there; `ifMatch` when none is or its etag differs. A directory there is a conflict.
   */
  writeFile(
    segments: readonly string[],
    manifest: { size: number; sha256: string | null; chunks: ChunkRef[]; attrs?: FileAttrs },
    pre: Preconditions,
    now: number,
  ): { file: FileStat; replaced: boolean; created: string[] } | RpcFailure {
    const at = formatPath(segments);
    const found = resolve(this.root, segments);
    if ("fileAt" in found) return underFile(segments, found.fileAt, "op.path");
    let old: FileNode | undefined;
    if (found.found) {
      if (found.node.type === "dir") {
        return rpcFail("conflict", `${at} is a directory`, { field: "op.path" });
      }
      old = found.node;
      if (pre.ifNoneMatch === "*") {
        return rpcFail("precondition-failed", `${at} exists`, { field: "op.ifNoneMatch" });
      }
    } else {
      const full = this.fullness(segments.length - found.missingAt);
      if (full) return full;
    }
    if (pre.ifMatch !== undefined && (old === undefined || fileEtag(old) !== pre.ifMatch)) {
      return rpcFail(
        "precondition-failed",
        old ? `${at} has etag ${fileEtag(old)}, not ${pre.ifMatch}` : `${at} does not exist`,
        { field: "op.ifMatch" },
      );
    }
    this.revision++;
    let parent = found.found ? (found.parent as DirNode) : found.parent;
    let created: string[] = [];
    if (!found.found) {
      const made = this.createDirs(parent, segments, found.missingAt, segments.length - 1, now);
      parent = made.dir;
      created = made.created;
    }
    const file: FileNode = {
      type: "file",
      size: manifest.size,
      mtime: now,
      sha256: manifest.sha256,
      version: old ? old.version + 1 : 1,
      revision: this.revision,
      chunks: manifest.chunks.map((c) => ({ hash: c.hash, size: c.size })),
      ...(manifest.attrs && { attrs: copyAttrs(manifest.attrs) }),
    };
    const name = segments[segments.length - 1] as string;
    if (old) {
      this.release(old);
      parent.children.set(name, file);
    } else attach(parent, name, file);
    if (created.length === 0) touchDir(parent, now, this.revision);
    this.files++;
    this.bytes += file.size;
    this.fileRefs.add(file.chunks);
    return { file: statOf(file) as FileStat, replaced: old !== undefined, created };
  }

  /** Whether `segments` could hold a new file: no directory there and no file above it. */
  fileSlot(segments: readonly string[]): RpcFailure | null {
    const found = resolve(this.root, segments);
    if ("fileAt" in found) return underFile(segments, found.fileAt, "op.path");
    if (found.found && found.node.type === "dir") {
      return rpcFail("conflict", `${formatPath(segments)} is a directory`, { field: "op.path" });
    }
    return null;
  }

  /** The node at a path, or not-found (the trailing-slash rule applied). */
  private existing(path: VolumePath, field: string): TreeNode | RpcFailure {
    const found = resolve(this.root, path.segments);
    if (!found.found) {
      return rpcFail("not-found", `${formatPath(path.segments)} does not exist`, { field });
    }
    if (path.directory && found.node.type === "file") return notDir(path.segments, field);
    return found.node;
  }

  /**
   * Creates directories `segments[from..end)` beneath `parent` at the current revision,
   * recording the change in `parent`; answers their paths (shallowest first) and the last.
   */
  private createDirs(
    parent: DirNode,
    segments: readonly string[],
    from: number,
    end: number,
    now: number,
  ): { created: string[]; dir: DirNode } {
    const created: string[] = [];
    let dir = parent;
    if (from < end) touchDir(parent, now, this.revision);
    for (let i = from; i < end; i++) {
      const child = newDir(now, this.revision);
      attach(dir, segments[i] as string, child);
      this.dirs++;
      created.push(formatPath(segments.slice(0, i + 1)));
      dir = child;
    }
    return { created, dir };
  }

  /** A problem when `adding` more nodes would exceed `MAX_VOLUME_INODES`. */
  private fullness(adding: number): RpcFailure | null {
    if (this.files + this.dirs + adding <= MAX_VOLUME_INODES) return null;
    return rpcFail(
      "conflict",
      `volume ${this.name} holds ${this.files + this.dirs} files and directories; at most ${MAX_VOLUME_INODES}`,
      { field: "op.path" },
    );
  }

  /** Drops a file's counts and chunk references (it is leaving the tree). */
  release(file: FileNode): void {
    this.files--;
    this.bytes -= file.size;
    this.fileRefs.remove(file.chunks);
  }
}
