/**
 * A volume's files as one flat, sorted key space, the way S3 lists a bucket: a file's key
 * is its path without the leading `/`, keys are ordered by their UTF-8 bytes, and keys
 * that share the text up to a `delimiter` after the prefix fold into one common prefix.
 *
 * The walk visits only what a page needs: a subtree whose keys all fall outside the prefix
 * or at or before `after` is skipped without descending, and once a common prefix has been
 * answered every key beneath it is skipped the same way. Siblings are visited in key order,
 * which is not name order: a directory `a` holds keys `a/...`, which sort after a file
 * `a-b` since `-` is below `/`.
 */
import { compareUtf8 } from "../kv/text";
import { type DirNode, type FileNode, fileEtag, type TreeNode } from "./tree";
import type { ScanEntry } from "./types";

/** What a scan asks for. */
export interface ScanQuery {
  prefix: string;
  delimiter?: string;
  /** Answer only keys and common prefixes greater than this one. */
  after?: string;
  limit: number;
}

/** A page of keys and common prefixes, interleaved in key order as S3 counts them. */
export interface ScanPage {
  entries: ScanEntry[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or prefix answered; null on an empty page. */
  last: string | null;
}

/** One page of `root`'s keys for `query`; at most `limit` keys and prefixes together. */
export function scanKeys(root: DirNode, query: ScanQuery): ScanPage {
  const page: ScanPage = { entries: [], prefixes: [], truncated: false, last: null };
  const { prefix, delimiter, limit } = query;
  let after = query.after ?? "";
  /** A common prefix answered (or resumed after): every key that starts with it is counted. */
  let folded: string | null = delimiter && isCommonPrefix(after, prefix, delimiter) ? after : null;
  for (const { key, file } of keysFrom(
    root,
    "",
    prefix,
    () => after,
    () => folded,
  )) {
    if (delimiter) {
      const cut = key.indexOf(delimiter, prefix.length);
      if (cut !== -1) {
        const common = key.slice(0, cut + delimiter.length);
        if (compareUtf8(common, after) <= 0) {
          folded = common;
          continue;
        }
        if (page.entries.length + page.prefixes.length === limit) {
          page.truncated = true;
          break;
        }
        page.prefixes.push(common);
        page.last = common;
        folded = common;
        after = common;
        continue;
      }
    }
    if (page.entries.length + page.prefixes.length === limit) {
      page.truncated = true;
      break;
    }
    page.entries.push(entryOf(key, file));
    page.last = key;
    after = key;
  }
  return page;
}

/**
 * The files beneath `dir` (whose keys start with `base`) in key order, pruned by `prefix`,
 * by the current `after` and by the current folded common prefix — both read at every
 * step, since the caller advances them while it consumes the walk.
 */
function* keysFrom(
  dir: DirNode,
  base: string,
  prefix: string,
  after: () => string,
  folded: () => string | null,
): Generator<{ key: string; file: FileNode }> {
  for (const { name, node } of inKeyOrder(dir)) {
    if (node.type === "file") {
      const key = base + name;
      if (key.startsWith(prefix) && compareUtf8(key, after()) > 0 && !isFolded(key, folded())) {
        yield { key, file: node };
      }
      continue;
    }
    const sub = `${base}${name}/`;
    const mayMatch = sub.startsWith(prefix) || prefix.startsWith(sub);
    if (!mayMatch || allAtOrBefore(sub, after()) || isFolded(sub, folded())) continue;
    yield* keysFrom(node, sub, prefix, after, folded);
  }
}

/** Whether `text` is a common prefix a scan of `prefix` by `delimiter` could answer. */
function isCommonPrefix(text: string, prefix: string, delimiter: string): boolean {
  return (
    text.startsWith(prefix) &&
    text.endsWith(delimiter) &&
    text.indexOf(delimiter, prefix.length) === text.length - delimiter.length
  );
}

/** Whether every key starting with `sub` (and longer than it) is at or before `after`. */
function allAtOrBefore(sub: string, after: string): boolean {
  return !after.startsWith(sub) && compareUtf8(sub, after) <= 0;
}

/** Whether a key or subtree starting with `text` lies under the folded prefix. */
function isFolded(text: string, folded: string | null): boolean {
  return folded !== null && text.startsWith(folded);
}

/** A directory's entries in the order of the keys they hold: a directory sorts as `name/`. */
function inKeyOrder(dir: DirNode): { name: string; node: TreeNode }[] {
  const entries = dir.names.map((name) => {
    const node = dir.children.get(name) as TreeNode;
    return { name, node, sortKey: node.type === "dir" ? `${name}/` : name };
  });
  return entries.sort((a, b) => compareUtf8(a.sortKey, b.sortKey));
}

function entryOf(key: string, file: FileNode): ScanEntry {
  return {
    key,
    size: file.size,
    mtime: file.mtime,
    etag: fileEtag(file),
    contentEtag: file.attrs?.contentEtag ?? null,
  };
}
