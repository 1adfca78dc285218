/**
 * The namespace tree of one volume: directory nodes own their entries by name, file nodes
 * own their manifest. Renaming a directory moves one entry, whatever lies beneath it.
 */
import { compareNames } from "./paths";
import type { ChunkRef, DirStat, FileAttrs, FileStat, ListEntry, NodeStat } from "./types";

export interface FileNode {
  type: "file";
  /** Invariant: the sum of `chunks`' sizes. */
  size: number;
  mtime: number;
  sha256: string | null;
  /** Commits since creation (≥ 1). */
  version: number;
  /** Volume revision of the last commit; unique per commit within the volume. */
  revision: number;
  chunks: ChunkRef[];
  /** The commit's attributes; absent when it carried none. Never shared with a command. */
  attrs?: FileAttrs;
}

export interface DirNode {
  type: "dir";
  mtime: number;
  /** Changes to its entries since creation, plus one. */
  version: number;
  /** Volume revision of its last change (creation included). */
  revision: number;
  children: Map<string, TreeNode>;
  /** Invariant: exactly the keys of `children`, in UTF-8 byte order. */
  names: string[];
}

export type TreeNode = FileNode | DirNode;

/** A directory node's own fields, without its entries. */
export type DirFields = Omit<DirNode, "children" | "names">;

/** Just the `DirFields` of `node` (a tree node, a snapshot's, a stat's). */
export function dirFieldsOf(node: DirFields): DirFields {
  return { type: "dir", mtime: node.mtime, version: node.version, revision: node.revision };
}

/** Where a path leads: its node, or where the walk stopped. */
export type Resolution =
  | { found: true; node: TreeNode; parent: DirNode | null }
  | { found: false; missingAt: number; parent: DirNode }
  | { found: false; fileAt: number };

/** A new, empty directory. */
export function newDir(mtime: number, revision: number): DirNode {
  return { type: "dir", mtime, version: 1, revision, children: new Map(), names: [] };
}

/**
 * Walks `segments` from `root`. `missingAt` is the index of the first segment with no
 * entry (its parent is a directory); `fileAt` the index of a file met before the end.
 */
export function resolve(root: DirNode, segments: readonly string[]): Resolution {
  let dir = root;
  let parent: DirNode | null = null;
  for (let i = 0; i < segments.length; i++) {
    const child = dir.children.get(segments[i] as string);
    if (!child) return { found: false, missingAt: i, parent: dir };
    if (i === segments.length - 1) return { found: true, node: child, parent: dir };
    if (child.type === "file") return { found: false, fileAt: i };
    parent = dir;
    dir = child;
  }
  return { found: true, node: dir, parent };
}

/** Adds an entry that is not there. */
export function attach(dir: DirNode, name: string, node: TreeNode): void {
  dir.children.set(name, node);
  dir.names.splice(lowerBound(dir.names, name), 0, name);
}

/** Removes an entry that is there. */
export function detach(dir: DirNode, name: string): void {
  dir.children.delete(name);
  dir.names.splice(lowerBound(dir.names, name), 1);
}

/** Records a change to a directory's entries. */
export function touchDir(dir: DirNode, mtime: number, revision: number): void {
  dir.version++;
  dir.mtime = mtime;
  dir.revision = revision;
}

/** The names of `dir` after `cursor` (all when null), at most `limit`, and whether more follow. */
export function namesAfter(dir: DirNode, cursor: string | null, limit: number) {
  let start = 0;
  if (cursor !== null) {
    start = lowerBound(dir.names, cursor);
    if (dir.names[start] === cursor) start++;
  }
  const names = dir.names.slice(start, start + limit);
  return { names, more: start + limit < dir.names.length };
}

/** Files and directories in the subtree rooted at `node` (itself included), visited depth first. */
export function* subtree(node: TreeNode): Generator<TreeNode> {
  yield node;
  if (node.type === "dir") for (const child of node.children.values()) yield* subtree(child);
}

export function fileEtag(file: FileNode): string {
  return `${file.sha256 === null ? "m" : file.sha256.slice(0, 16)}-${file.revision}`;
}

export function dirEtag(dir: DirNode): string {
  return `d-${dir.revision}`;
}

export function etagOf(node: TreeNode): string {
  return node.type === "file" ? fileEtag(node) : dirEtag(node);
}

export function statOf(node: TreeNode): NodeStat {
  if (node.type === "dir") {
    const stat: DirStat = {
      ...dirFieldsOf(node),
      etag: dirEtag(node),
      entries: node.names.length,
    };
    return stat;
  }
  const stat: FileStat = {
    type: "file",
    size: node.size,
    mtime: node.mtime,
    sha256: node.sha256,
    etag: fileEtag(node),
    version: node.version,
    revision: node.revision,
    chunks: node.chunks.map((c) => ({ hash: c.hash, size: c.size })),
    ...(node.attrs && { attrs: copyAttrs(node.attrs) }),
  };
  return stat;
}

/** A deep copy of attributes (their only nested value is `meta`). */
export function copyAttrs(attrs: FileAttrs): FileAttrs {
  return attrs.meta ? { ...attrs, meta: { ...attrs.meta } } : { ...attrs };
}

export function entryOf(name: string, node: TreeNode): ListEntry {
  return {
    name,
    type: node.type,
    size: node.type === "file" ? node.size : 0,
    mtime: node.mtime,
    etag: etagOf(node),
  };
}

function lowerBound(names: readonly string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareNames(names[mid] as string, name) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
