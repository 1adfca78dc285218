/**
 * Path rules of the namespace and their parser. A path is absolute (`/` is the root, with
 * no segments), its segments are separated by single slashes, and a single trailing slash
 * is tolerated: it marks the path as naming a directory (`/a/` must be a directory, the
 * way POSIX answers ENOTDIR for `file/`). Operations that create a file refuse it.
 *
 * Names are compared and ordered as their UTF-8 bytes (code point order), so listings
 * sort the same on every replica and in every runtime.
 */
import { compareUtf8, isWellFormed, utf8Length } from "../kv/text";
import { MAX_PATH_BYTES, MAX_PATH_DEPTH, MAX_SEGMENT_BYTES } from "./limits";

/** The rule a refused path broke; the problem names it so a client can tell them apart. */
export type PathRule =
  | "type"
  | "absolute"
  | "utf8"
  | "nul"
  | "empty-segment"
  | "dot-segment"
  | "segment-length"
  | "path-length"
  | "depth";

/** A parsed path: its segments (none for the root) and whether it ended in a slash. */
export interface ParsedPath {
  ok: true;
  segments: string[];
  /** True when the raw path ended in `/` after at least one segment. */
  directory: boolean;
}

/** A refused path: which rule it broke and why, in words. */
export interface PathProblem {
  ok: false;
  rule: PathRule;
  detail: string;
}

/**
 * Parses a raw path. Rules, checked in this order: a string; well-formed UTF-16 (so it
 * has a UTF-8 encoding); at most `MAX_PATH_BYTES` UTF-8 bytes; no NUL; starts with `/`;
 * no empty segment (`//`, except a single trailing slash); no `.` or `..` segment; each
 * segment at most `MAX_SEGMENT_BYTES` bytes; at most `MAX_PATH_DEPTH` segments.
 */
export function parsePath(raw: unknown): ParsedPath | PathProblem {
  if (typeof raw !== "string") return problem("type", "a path must be a string");
  if (!isWellFormed(raw)) {
    return problem("utf8", "the path has a lone surrogate, which has no UTF-8 encoding");
  }
  const bytes = utf8Length(raw);
  if (bytes > MAX_PATH_BYTES) {
    return problem("path-length", `the path is ${bytes} bytes; at most ${MAX_PATH_BYTES}`);
  }
  if (raw.includes("\u0000")) return problem("nul", "the path contains a NUL character");
  if (!raw.startsWith("/")) return problem("absolute", "a path must start with /");
  if (raw === "/") return { ok: true, segments: [], directory: false };
  const directory = raw.endsWith("/");
  const body = raw.slice(1, directory ? -1 : undefined);
  const segments = body.split("/");
  for (const [i, segment] of segments.entries()) {
    if (segment === "") {
      return problem("empty-segment", `segment ${i + 1} is empty (two slashes in a row)`);
    }
    if (segment === "." || segment === "..") {
      return problem("dot-segment", `segment ${i + 1} is "${segment}"; . and .. are not allowed`);
    }
    const length = utf8Length(segment);
    if (length > MAX_SEGMENT_BYTES) {
      return problem(
        "segment-length",
        `segment ${i + 1} is ${length} bytes; at most ${MAX_SEGMENT_BYTES}`,
      );
    }
  }
  if (segments.length > MAX_PATH_DEPTH) {
    return problem("depth", `the path has ${segments.length} segments; at most ${MAX_PATH_DEPTH}`);
  }
  return { ok: true, segments, directory };
}

/** Whether `name` is a valid single segment (what a listing cursor or entry name must be). */
export function isValidSegment(name: unknown): name is string {
  if (typeof name !== "string" || name.includes("/")) return false;
  const parsed = parsePath(`/${name}`);
  return parsed.ok && parsed.segments.length === 1;
}

/** The canonical form of a path: `/` joined segments, no trailing slash. */
export function formatPath(segments: readonly string[]): string {
  return `/${segments.join("/")}`;
}

/** Whether `prefix` is `path` or one of its ancestors, segment by segment. */
export function isPrefixPath(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, i) => segment === path[i]);
}

/** Orders names as their UTF-8 bytes would be ordered. */
export function compareNames(a: string, b: string): number {
  return compareUtf8(a, b);
}

function problem(rule: PathRule, detail: string): PathProblem {
  return { ok: false, rule, detail };
}
