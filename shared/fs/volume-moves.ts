/**
 * The operations that take entries out of their place in a volume's tree: an atomic
 * rename (across directories) and a delete (recursive on request). Like every mutating
 * operation they check everything first, so a refused one changes nothing.
 */
import { type RpcFailure, rpcFail } from "../rpc-result";
import { notDir, rootRefused, underFile } from "./fs-problems";
import { formatPath, isPrefixPath } from "./paths";
import {
  attach,
  type DirNode,
  detach,
  etagOf,
  resolve,
  subtree,
  type TreeNode,
  touchDir,
} from "./tree";
import type { FsSuccessOf } from "./types";
import type { Volume, VolumePath } from "./volume";

/**
 * Moves an entry atomically, across directories. The target's parent must exist. A file
 * replaces a file; a directory replaces an empty directory; any other occupant is a
 * conflict. A directory cannot move into itself or beneath itself. The moved node keeps
 * its version and etag; both parents record the change.
 */
export function renameEntry(
  volume: Volume,
  from: VolumePath,
  to: VolumePath,
  ifMatch: string | undefined,
  now: number,
): FsSuccessOf<"rename"> | RpcFailure {
  const src = formatPath(from.segments);
  const dst = formatPath(to.segments);
  if (from.segments.length === 0) return rootRefused("renamed", "op.from");
  if (to.segments.length === 0) return rootRefused("replaced", "op.to");
  const source = resolve(volume.root, from.segments);
  if (!source.found) return rpcFail("not-found", `${src} does not exist`, { field: "op.from" });
  const node = source.node;
  if (from.directory && node.type === "file") return notDir(from.segments, "op.from");
  if (ifMatch !== undefined && etagOf(node) !== ifMatch) {
    return rpcFail("precondition-failed", `${src} has etag ${etagOf(node)}, not ${ifMatch}`, {
      field: "op.ifMatch",
    });
  }
  if (to.directory && node.type === "file") return notDir(to.segments, "op.to");
  const same = src === dst;
  if (same)
    return {
      ok: true,
      op: "rename",
      from: src,
      to: dst,
      replaced: false,
      revision: volume.revision,
    };
  if (node.type === "dir" && isPrefixPath(from.segments, to.segments)) {
    return rpcFail("validation-failed", `${src} cannot move beneath itself (${dst})`, {
      field: "op.to",
    });
  }
  const target = resolve(volume.root, to.segments);
  if ("fileAt" in target) return underFile(to.segments, target.fileAt, "op.to");
  let occupant: TreeNode | undefined;
  let targetParent: DirNode;
  if (target.found) {
    occupant = target.node;
    targetParent = target.parent as DirNode;
    if (occupant.type !== node.type) {
      return rpcFail("conflict", `${dst} is a ${occupant.type === "dir" ? "directory" : "file"}`, {
        field: "op.to",
      });
    }
    if (occupant.type === "dir" && occupant.names.length > 0) {
      return rpcFail("conflict", `${dst} is a directory that is not empty`, { field: "op.to" });
    }
  } else {
    if (target.missingAt < to.segments.length - 1) {
      const parent = formatPath(to.segments.slice(0, -1));
      return rpcFail("not-found", `the parent directory ${parent} does not exist`, {
        field: "op.to",
      });
    }
    targetParent = target.parent;
  }
  volume.revision++;
  const sourceParent = source.parent as DirNode;
  detach(sourceParent, from.segments[from.segments.length - 1] as string);
  const name = to.segments[to.segments.length - 1] as string;
  if (occupant) {
    if (occupant.type === "file") volume.release(occupant);
    else volume.dirs--;
    targetParent.children.set(name, node);
  } else attach(targetParent, name, node);
  touchDir(sourceParent, now, volume.revision);
  if (targetParent !== sourceParent) touchDir(targetParent, now, volume.revision);
  return {
    ok: true,
    op: "rename",
    from: src,
    to: dst,
    replaced: occupant !== undefined,
    revision: volume.revision,
  };
}

/**
 * Deletes a file, an empty directory, or with `recursive` a directory and all beneath it;
 * with `prune`, also the ancestors left empty by it (never the root), as an S3 delete of a
 * key leaves no empty "folder" behind.
 */
export function deleteEntry(
  volume: Volume,
  path: VolumePath,
  how: { recursive: boolean; prune: boolean },
  ifMatch: string | undefined,
  now: number,
): FsSuccessOf<"delete"> | RpcFailure {
  const { recursive } = how;
  const at = formatPath(path.segments);
  if (path.segments.length === 0) return rootRefused("deleted", "op.path");
  const found = resolve(volume.root, path.segments);
  if (!found.found) return rpcFail("not-found", `${at} does not exist`, { field: "op.path" });
  const node = found.node;
  if (path.directory && node.type === "file") return notDir(path.segments, "op.path");
  if (ifMatch !== undefined && etagOf(node) !== ifMatch) {
    return rpcFail("precondition-failed", `${at} has etag ${etagOf(node)}, not ${ifMatch}`, {
      field: "op.ifMatch",
    });
  }
  if (node.type === "dir" && node.names.length > 0 && !recursive) {
    return rpcFail("conflict", `${at} is a directory that is not empty`, { field: "op.path" });
  }
  volume.revision++;
  let files = 0;
  let dirs = 0;
  for (const gone of subtree(node)) {
    if (gone.type === "file") {
      volume.release(gone);
      files++;
    } else {
      volume.dirs--;
      dirs++;
    }
  }
  let depth = path.segments.length - 1;
  let parent = found.parent as DirNode;
  detach(parent, path.segments[depth] as string);
  while (how.prune && depth > 0 && parent.names.length === 0) {
    const above = resolve(volume.root, path.segments.slice(0, depth));
    if (!above.found) break;
    parent = above.parent as DirNode;
    depth--;
    detach(parent, path.segments[depth] as string);
    volume.dirs--;
    dirs++;
  }
  touchDir(parent, now, volume.revision);
  return { ok: true, op: "delete", path: at, files, dirs, revision: volume.revision };
}
