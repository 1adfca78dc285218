/**
 * The file-system namespace's data model, commands and results. Commands and results are
 * plain JSON values: commands travel through a consensus group's log (JSON-encoded, shared
 * with the KV's commands, whose `type`s never are `"fs"`) and over DO RPC.
 */
import type { RpcFailure } from "../rpc-result";

/** One immutable, content-addressed chunk of a file. */
export interface ChunkRef {
  /** SHA-256 of the chunk's bytes: 64 lowercase hex digits; the chunk's key in the ring. */
  hash: string;
  /** Bytes in the chunk: 1 to `MAX_CHUNK_BYTES`. One hash always has one size. */
  size: number;
}

/**
 * What a writer says about a file beyond its bytes, kept with the version it describes
 * and replaced by the next commit: the S3 gateway stores an object's `Content-Type`,
 * its `x-amz-meta-*` metadata and its S3 entity tag here. Bounded by
 * `MAX_FILE_ATTRS_BYTES` (as canonical JSON).
 */
export interface FileAttrs {
  /** A MIME type, as the writer sent it. */
  contentType?: string;
  /** User metadata: lowercase names of `[a-z0-9._-]`, printable ASCII values. */
  meta?: Record<string, string>;
  /** An entity tag the writer computed over the content (S3's MD5 hex, or `md5-N`). */
  contentEtag?: string;
}

/** A file as `stat` answers it. */
export interface FileStat {
  type: "file";
  /** Bytes in the file: the sum of its chunks' sizes. */
  size: number;
  /** Milliseconds since the epoch of the last commit, as the proposing leader's clock said. */
  mtime: number;
  /** SHA-256 of the whole file (64 lowercase hex); null for a multipart upload completed without one. */
  sha256: string | null;
  /**
   * Opaque entity tag: `<first 16 hex of sha256>-<revision>` (`m-<revision>` without a
   * digest). The revision is the volume's, so an etag is never reused in a volume, not
   * even by a file deleted and recreated with the same content.
   */
  etag: string;
  /** Commits since the file was created: 1 after the first. A rename does not change it. */
  version: number;
  /** The volume revision of the file's last commit. */
  revision: number;
  /** The file's bytes, in order. */
  chunks: ChunkRef[];
  /** Present when the commit carried attributes. */
  attrs?: FileAttrs;
}

/** A directory as `stat` answers it. */
export interface DirStat {
  type: "dir";
  /** Milliseconds since the epoch of the last change to its entries (or of its creation). */
  mtime: number;
  /** Changes to its own entries (an entry added, removed or renamed) since creation, plus one. */
  version: number;
  /** The volume revision of its last change. */
  revision: number;
  /** Opaque entity tag: `d-<revision>`; changes whenever its entries do. */
  etag: string;
  /** Entries directly in it. */
  entries: number;
}

export type NodeStat = FileStat | DirStat;

/** One line of a directory listing. A directory's size is 0. */
export interface ListEntry {
  name: string;
  type: "file" | "dir";
  size: number;
  mtime: number;
  etag: string;
}

/** The operations of the namespace; `kind` names each. */
export type FsOp =
  | {
      kind: "createVolume";
      ring: string;
      /** The consensus group holding the volume's namespace, as recorded (default: `default`). */
      group?: string;
    }
  | { kind: "volumeInfo" }
  | { kind: "mkdir"; path: string; parents: boolean }
  | {
      kind: "commit";
      path: string;
      size: number;
      /** SHA-256 of the bytes; absent only for a copy of a file committed without one. */
      sha256?: string;
      chunks: ChunkRef[];
      /** The upload intent this commit closes (begun by `beginUpload`, with no parts). */
      upload: string;
      /** Commit only if the file exists and its etag is this one. */
      ifMatch?: string;
      /** `"*"`: commit only if nothing exists at the path. */
      ifNoneMatch?: "*";
      attrs?: FileAttrs;
    }
  | { kind: "stat"; path: string }
  | { kind: "list"; path: string; limit: number; cursor?: string }
  | { kind: "rename"; from: string; to: string; ifMatch?: string }
  | {
      kind: "delete";
      path: string;
      recursive: boolean;
      ifMatch?: string;
      /** Also remove the ancestors the delete leaves empty (the root stays): an S3 delete. */
      prune?: boolean;
    }
  | {
      kind: "beginUpload";
      id: string;
      path: string;
      expiresAt: number;
      /** The attributes the completed file will carry (a completion may add to them). */
      attrs?: FileAttrs;
    }
  | {
      kind: "putPart";
      id: string;
      part: number;
      size: number;
      chunks: ChunkRef[];
      /** The part's entity tag as the writer computed it (S3's part MD5). */
      etag?: string;
    }
  | {
      kind: "completeUpload";
      id: string;
      /** The parts' total, if the caller wants it checked. */
      size?: number;
      sha256?: string;
      ifMatch?: string;
      ifNoneMatch?: "*";
      /**
       * The parts that become the file, ascending, each with the etag it was recorded
       * with; parts not named are dropped. All recorded parts when absent.
       */
      parts?: { part: number; etag: string }[];
      /** Merged over the attributes the upload began with. */
      attrs?: FileAttrs;
    }
  | { kind: "uploadParts"; id: string }
  | { kind: "listUploads"; limit: number; cursor?: string }
  | { kind: "abortUpload"; id: string }
  | { kind: "expireUploads" }
  | { kind: "gcBegin"; sweep: string; listed: string[]; complete: boolean }
  | { kind: "gcEnd"; sweep: string }
  | {
      kind: "scan";
      /** Keys (paths without the leading `/`) that start with this string. */
      prefix: string;
      /** Group keys by their next `delimiter` after the prefix into common prefixes. */
      delimiter?: string;
      /** Only keys (and common prefixes) after this one, in UTF-8 byte order. */
      after?: string;
      limit: number;
    }
  | { kind: "listVolumes" }
  | { kind: "deleteVolume" };

export type FsOpKind = FsOp["kind"];

/**
 * Every command the namespace applies. `now` is milliseconds on the proposing leader's
 * clock: a host's `stamp` replaces whatever a caller sent (it has a `now` key), so every
 * replica sees the same time.
 */
export interface FsCommand {
  type: "fs";
  volume: string;
  now: number;
  op: FsOp;
}

/** One part of an upload session as `uploadParts` answers it. */
export interface PartInfo {
  part: number;
  size: number;
  etag: string | null;
  /** When it was recorded (the leader's clock). */
  mtime: number;
}

/** A file as `scan` answers it: its key and what a listing shows. */
export interface ScanEntry {
  /** Its path without the leading `/`. */
  key: string;
  size: number;
  mtime: number;
  etag: string;
  contentEtag: string | null;
}

/** What the directory of volumes says about one. */
export interface VolumeRecord {
  name: string;
  group: string;
  ring: string;
  /** Milliseconds since the epoch, as the creating leader's clock said. */
  createdAt: number;
}

/**
 * Where a deleted volume lived. Gateways cache a volume's placement for good, so a name
 * once used is bound to its group and ring: it may be created again only over the same.
 */
export interface RetiredVolume {
  name: string;
  group: string;
  ring: string;
}

/** What an upload intent looks like from outside. */
export interface UploadInfo {
  id: string;
  path: string;
  openedAt: number;
  expiresAt: number;
  /** Part numbers recorded so far, ascending. */
  parts: number[];
}

/** Counts a volume answers in `volumeInfo`. */
export interface VolumeInfo {
  volume: string;
  /** The consensus group that holds the volume's namespace, as recorded at creation. */
  group: string;
  ring: string;
  /** Namespace changes so far (each mkdir, commit, rename or delete that changed something). */
  revision: number;
  files: number;
  /** Directories, the root included. */
  dirs: number;
  /** Logical bytes: the sum of every file's size. */
  bytes: number;
  /** Distinct chunks referenced by the volume's files. */
  chunks: number;
  /** Bytes of those distinct chunks. */
  physicalBytes: number;
  /** `bytes / physicalBytes`, 1 when nothing is stored. */
  dedupRatio: number;
  openUploads: number;
}

/** The successful results, each tagged with its op's `kind`. */
export type FsSuccess =
  | { ok: true; op: "createVolume"; volume: string; group: string; ring: string }
  | ({ ok: true; op: "volumeInfo" } & VolumeInfo)
  | { ok: true; op: "mkdir"; path: string; created: string[]; revision: number }
  | {
      ok: true;
      op: "commit" | "completeUpload";
      path: string;
      file: FileStat;
      /** True when a previous file at the path was replaced. */
      replaced: boolean;
      /** Parent directories created implicitly, shallowest first. */
      created: string[];
    }
  | { ok: true; op: "stat"; path: string; stat: NodeStat }
  | {
      ok: true;
      op: "list";
      path: string;
      entries: ListEntry[];
      /** Pass back as `cursor` for the next page; null when this page is the last. */
      cursor: string | null;
    }
  | { ok: true; op: "rename"; from: string; to: string; replaced: boolean; revision: number }
  | { ok: true; op: "delete"; path: string; files: number; dirs: number; revision: number }
  | ({ ok: true; op: "beginUpload" } & UploadInfo)
  | { ok: true; op: "putPart"; id: string; part: number; size: number; parts: number }
  | ({ ok: true; op: "uploadParts"; attrs: FileAttrs | null; partList: PartInfo[] } & UploadInfo)
  | {
      ok: true;
      op: "listUploads";
      uploads: UploadInfo[];
      /** Pass back as `cursor` for the next page; null when this page is the last. */
      cursor: string | null;
    }
  | { ok: true; op: "abortUpload"; id: string }
  | { ok: true; op: "expireUploads"; expired: string[] }
  | {
      ok: true;
      op: "gcBegin";
      sweep: string;
      ring: string;
      /** Hashes the collector may delete from the ring now, sorted. */
      deletable: string[];
    }
  | { ok: true; op: "gcEnd"; sweep: string; retained: boolean }
  | {
      ok: true;
      op: "scan";
      entries: ScanEntry[];
      prefixes: string[];
      /** True when more keys or prefixes follow the last one answered. */
      truncated: boolean;
      /** The last key or prefix answered: the next page's `after`. */
      last: string | null;
    }
  | { ok: true; op: "listVolumes"; volumes: VolumeRecord[] }
  | { ok: true; op: "deleteVolume"; volume: string };

/** A command's answer: its success, or a problem from the API's catalogue (it changed nothing). */
export type FsResult = FsSuccess | RpcFailure;

/** The success a command with op kind `K` answers. */
export type FsSuccessOf<K extends FsOpKind> = Extract<
  FsSuccess,
  { op: K extends "commit" | "completeUpload" ? "commit" | "completeUpload" : K }
>;
