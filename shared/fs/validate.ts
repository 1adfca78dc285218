/**
 * Checks a command's shape and bounds without looking at any state, so the HTTP layer can
 * reject it (400/413) before proposing; the state machine runs the same check in `apply`.
 * Fields are named as dotted paths into the command (`volume`, `op.path`,
 * `op.chunks[3].hash`); a route maps them onto its request.
 */
import { GROUP_NAME_PATTERN } from "../consensus/group-config";
import { isWellFormed, utf8Length } from "../kv/text";
import { type RpcFailure, rpcFail } from "../rpc-result";
import { attrsProblem } from "./file-attrs";
import {
  MAX_CHUNK_BYTES,
  MAX_CHUNKS_PER_COMMAND,
  MAX_ETAG_LENGTH,
  MAX_GC_LISTED,
  MAX_ID_LENGTH,
  MAX_LIST_LIMIT,
  MAX_NAME_LENGTH,
  MAX_SCAN_KEY_BYTES,
  MAX_UPLOAD_PARTS,
  MAX_UPLOAD_TTL_MS,
} from "./limits";
import { isValidSegment, type ParsedPath, parsePath } from "./paths";
import type { ChunkRef, FsCommand, FsOp } from "./types";

const NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const ID = /^[A-Za-z0-9._~-]+$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `name` is a valid volume or ring name: lowercase letters, digits, inner dashes. */
export function isValidName(name: unknown): name is string {
  return typeof name === "string" && name.length <= MAX_NAME_LENGTH && NAME.test(name);
}

/** Whether `hash` is a SHA-256 digest in 64 lowercase hex digits. */
export function isSha256(hash: unknown): hash is string {
  return typeof hash === "string" && SHA256.test(hash);
}

/** Null when `command` is well formed; otherwise the first violation, naming its field. */
export function validateFsCommand(command: FsCommand): RpcFailure | null {
  if (!command || typeof command !== "object") return invalid("", "a command must be an object");
  if (command.type !== "fs") return invalid("type", 'an FS command has type "fs"');
  if (!isValidName(command.volume)) {
    return invalid("volume", nameRule("a volume name"));
  }
  if (!isTime(command.now)) return invalid("now", "now must be a non-negative integer (ms)");
  const op = command.op;
  if (!op || typeof op !== "object") return invalid("op", "op must be an object");
  return checkOp(op, command.now);
}

function checkOp(op: FsOp, now: number): RpcFailure | null {
  switch (op.kind) {
    case "createVolume":
      if (!isValidName(op.ring)) return invalid("op.ring", nameRule("a ring name"));
      return op.group === undefined ||
        (typeof op.group === "string" && GROUP_NAME_PATTERN.test(op.group))
        ? null
        : invalid("op.group", "a group name is 1 to 63 of a-z 0-9 -");
    case "volumeInfo":
    case "expireUploads":
    case "listVolumes":
    case "deleteVolume":
      return null;
    case "scan":
      return (
        checkScanText(op.prefix, "op.prefix", true) ??
        (op.delimiter === undefined ? null : checkScanText(op.delimiter, "op.delimiter", false)) ??
        (op.after === undefined ? null : checkScanText(op.after, "op.after", true)) ??
        checkCount(op.limit, "op.limit", 1, MAX_LIST_LIMIT)
      );
    case "uploadParts":
      return checkId(op.id, "op.id");
    case "listUploads":
      return (
        checkCount(op.limit, "op.limit", 1, MAX_LIST_LIMIT) ??
        (op.cursor === undefined ? null : checkScanText(op.cursor, "op.cursor", true))
      );
    case "mkdir":
      return checkPath(op.path, "op.path") ?? checkBoolean(op.parents, "op.parents");
    case "stat":
      return checkPath(op.path, "op.path");
    case "list":
      return (
        checkPath(op.path, "op.path") ??
        checkCount(op.limit, "op.limit", 1, MAX_LIST_LIMIT) ??
        (op.cursor === undefined || isValidSegment(op.cursor)
          ? null
          : invalid("op.cursor", "the cursor is not one this namespace gave out"))
      );
    case "commit":
      return (
        checkFilePath(op.path, "op.path") ??
        checkId(op.upload, "op.upload") ??
        sha256Problem(op.sha256) ??
        checkChunks(op.chunks, op.size) ??
        checkPreconditions(op.ifMatch, op.ifNoneMatch) ??
        attrsProblem(op.attrs, "op.attrs")
      );
    case "rename":
      return (
        checkPath(op.from, "op.from") ??
        checkPath(op.to, "op.to") ??
        checkPreconditions(op.ifMatch, undefined)
      );
    case "delete":
      return (
        checkPath(op.path, "op.path") ??
        checkBoolean(op.recursive, "op.recursive") ??
        checkPreconditions(op.ifMatch, undefined) ??
        (op.prune === undefined ? null : checkBoolean(op.prune, "op.prune"))
      );
    case "beginUpload":
      return (
        checkId(op.id, "op.id") ??
        checkFilePath(op.path, "op.path") ??
        (isTime(op.expiresAt) && op.expiresAt > now && op.expiresAt - now <= MAX_UPLOAD_TTL_MS
          ? null
          : invalid(
              "op.expiresAt",
              `expiresAt must be after now and at most ${MAX_UPLOAD_TTL_MS} ms later`,
            )) ??
        attrsProblem(op.attrs, "op.attrs")
      );
    case "putPart":
      return (
        checkId(op.id, "op.id") ??
        checkCount(op.part, "op.part", 1, MAX_UPLOAD_PARTS) ??
        checkChunks(op.chunks, op.size) ??
        (op.etag === undefined ? null : checkEtag(op.etag, "op.etag"))
      );
    case "completeUpload":
      return (
        checkId(op.id, "op.id") ??
        (op.size === undefined ? null : checkCount(op.size, "op.size", 0)) ??
        sha256Problem(op.sha256) ??
        checkPreconditions(op.ifMatch, op.ifNoneMatch) ??
        (op.parts === undefined ? null : checkPartList(op.parts)) ??
        attrsProblem(op.attrs, "op.attrs")
      );
    case "abortUpload":
      return checkId(op.id, "op.id");
    case "gcBegin":
      return (
        checkId(op.sweep, "op.sweep") ??
        checkListed(op.listed) ??
        checkBoolean(op.complete, "op.complete")
      );
    case "gcEnd":
      return checkId(op.sweep, "op.sweep");
    default:
      return invalid("op.kind", `unknown op ${JSON.stringify((op as { kind: unknown }).kind)}`);
  }
}

/** A parsed path, or the problem naming the rule it broke. */
export function pathOrProblem(raw: string, field: string): ParsedPath | RpcFailure {
  const parsed = parsePath(raw);
  if (parsed.ok) return parsed;
  return rpcFail("validation-failed", `${parsed.detail} (rule: ${parsed.rule})`, { field });
}

function checkPath(raw: string, field: string): RpcFailure | null {
  const parsed = pathOrProblem(raw, field);
  return parsed.ok ? null : parsed;
}

/** A path a file may be created at: not the root, no trailing slash. */
function checkFilePath(raw: string, field: string): RpcFailure | null {
  const parsed = pathOrProblem(raw, field);
  if (!parsed.ok) return parsed;
  if (parsed.segments.length === 0) return invalid(field, "the root is a directory, not a file");
  if (parsed.directory) return invalid(field, "a file's path must not end in /");
  return null;
}

function checkChunks(chunks: ChunkRef[], size: number): RpcFailure | null {
  if (!Array.isArray(chunks)) return invalid("op.chunks", "chunks must be an array");
  if (chunks.length > MAX_CHUNKS_PER_COMMAND) {
    return rpcFail(
      "payload-too-large",
      `${chunks.length} chunks in one command; at most ${MAX_CHUNKS_PER_COMMAND}`,
      { field: "op.chunks" },
    );
  }
  let total = 0;
  for (const [i, chunk] of chunks.entries()) {
    const field = `op.chunks[${i}]`;
    if (!chunk || typeof chunk !== "object") return invalid(field, "a chunk must be an object");
    if (!isSha256(chunk.hash)) return invalid(`${field}.hash`, "hash must be 64 lowercase hex");
    const bad = checkCount(chunk.size, `${field}.size`, 1, MAX_CHUNK_BYTES);
    if (bad) return bad;
    total += chunk.size;
  }
  const bad = checkCount(size, "op.size", 0);
  if (bad) return bad;
  if (total !== size)
    return invalid("op.size", `size is ${size} but the chunks hold ${total} bytes`);
  return null;
}

function checkListed(listed: string[]): RpcFailure | null {
  if (!Array.isArray(listed)) return invalid("op.listed", "listed must be an array of hashes");
  if (listed.length > MAX_GC_LISTED) {
    return rpcFail("payload-too-large", `${listed.length} hashes; at most ${MAX_GC_LISTED}`, {
      field: "op.listed",
    });
  }
  for (const [i, hash] of listed.entries()) {
    if (!isSha256(hash)) return invalid(`op.listed[${i}]`, "hash must be 64 lowercase hex");
  }
  return null;
}

/** An optional whole-file SHA-256: absent, or 64 lowercase hex. */
function sha256Problem(sha256: unknown): RpcFailure | null {
  return sha256 === undefined || isSha256(sha256)
    ? null
    : invalid("op.sha256", "sha256 must be 64 lowercase hex");
}

function checkPreconditions(ifMatch: unknown, ifNoneMatch: unknown): RpcFailure | null {
  if (ifMatch !== undefined) {
    if (typeof ifMatch !== "string" || ifMatch.length === 0 || ifMatch.length > MAX_ETAG_LENGTH) {
      return invalid("op.ifMatch", `ifMatch must be an etag of 1 to ${MAX_ETAG_LENGTH} characters`);
    }
  }
  if (ifNoneMatch !== undefined && ifNoneMatch !== "*") {
    return invalid("op.ifNoneMatch", 'ifNoneMatch may only be "*"');
  }
  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    return rpcFail("bad-request", "ifMatch and ifNoneMatch exclude each other", {
      field: "op.ifNoneMatch",
    });
  }
  return null;
}

function checkEtag(etag: unknown, field: string): RpcFailure | null {
  if (typeof etag === "string" && etag.length > 0 && etag.length <= MAX_ETAG_LENGTH) return null;
  return invalid(field, `an etag is 1 to ${MAX_ETAG_LENGTH} characters`);
}

function checkPartList(parts: unknown): RpcFailure | null {
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_UPLOAD_PARTS) {
    return invalid("op.parts", `parts must list 1 to ${MAX_UPLOAD_PARTS} parts`);
  }
  for (const [i, entry] of parts.entries()) {
    if (!entry || typeof entry !== "object")
      return invalid(`op.parts[${i}]`, "a part is an object");
    const bad =
      checkCount(entry.part, `op.parts[${i}].part`, 1, MAX_UPLOAD_PARTS) ??
      checkEtag(entry.etag, `op.parts[${i}].etag`);
    if (bad) return bad;
  }
  return null;
}

/** A scan's prefix, delimiter or key: a well-formed string of bounded UTF-8 length, no NUL in keys. */
function checkScanText(text: unknown, field: string, mayBeEmpty: boolean): RpcFailure | null {
  if (typeof text !== "string" || !isWellFormed(text)) {
    return invalid(field, `${field.slice(3)} must be a well-formed string`);
  }
  if (!mayBeEmpty && text.length === 0)
    return invalid(field, `${field.slice(3)} must not be empty`);
  const bytes = utf8Length(text);
  if (bytes > MAX_SCAN_KEY_BYTES) {
    return invalid(field, `${field.slice(3)} is ${bytes} bytes; at most ${MAX_SCAN_KEY_BYTES}`);
  }
  return null;
}

function checkId(id: unknown, field: string): RpcFailure | null {
  if (typeof id === "string" && id.length <= MAX_ID_LENGTH && ID.test(id)) return null;
  return invalid(field, `an id is 1 to ${MAX_ID_LENGTH} of A-Z a-z 0-9 . _ ~ -`);
}

function checkCount(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max) {
    return null;
  }
  return invalid(field, `${field.split(".").pop()} must be an integer from ${min} to ${max}`);
}

function checkBoolean(value: unknown, field: string): RpcFailure | null {
  return typeof value === "boolean" ? null : invalid(field, `${field} must be true or false`);
}

function isTime(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function nameRule(what: string): string {
  return `${what} is 1 to ${MAX_NAME_LENGTH} of a-z 0-9 and inner dashes`;
}

function invalid(field: string, detail: string): RpcFailure {
  return rpcFail("validation-failed", detail, field ? { field } : {});
}
