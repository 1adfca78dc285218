/**
 * Checks a command against the KV's bounds and shapes before it is proposed, so the HTTP
 * layer can reject it (400/413) without touching the log. The state machine runs the same
 * check in `apply` and answers an error instead of changing anything.
 */
import type { KeySelection } from "./key-range";
import {
  MAX_KEY_BYTES,
  MAX_LEASE_TTL_SECONDS,
  MAX_SEPARATOR_BYTES,
  MAX_TXN_OPS,
  MAX_VALUE_BYTES,
} from "./limits";
import { compareUtf8, isWellFormed, utf8Length } from "./text";
import type {
  Compare,
  DeleteRangeRequest,
  DeleteRequest,
  KvCommand,
  KvError,
  PutRequest,
  RangeRequest,
  TxnOp,
} from "./types";

const TARGETS = new Set(["value", "version", "createRevision", "modRevision"]);
const OPS = new Set(["=", "!=", "<", ">"]);

/**
 * Null when `command` may be applied; otherwise the first violation, naming its field
 * (`key`, `value`, `success[2].put.value`, `compare[0].op`, ...). Sizes over a bound are
 * `too_large`; everything else is `invalid`.
 */
export function validateCommand(command: KvCommand): KvError | null {
  if (!command || typeof command !== "object")
    return invalid("type", "a command must be an object");
  switch (command.type) {
    case "put":
      return checkPut(command, "");
    case "get":
      return checkKey(command.key, "key");
    case "range":
      return checkRange(command);
    case "delete":
      return checkDelete(command, "");
    case "deleteRange":
      return checkDeleteRange(command);
    case "txn":
      return checkTxn(command);
    case "leaseGrant":
      return (
        checkCount(command.ttl, "ttl", 1) ??
        (command.ttl > MAX_LEASE_TTL_SECONDS
          ? invalid("ttl", `ttl must be at most ${MAX_LEASE_TTL_SECONDS} seconds`)
          : null) ??
        checkTime(command.now)
      );
    case "leaseKeepAlive":
      return checkCount(command.id, "id", 1) ?? checkTime(command.now);
    case "leaseRevoke":
      return checkCount(command.id, "id", 1);
    case "expireLeases":
      return checkTime(command.now);
    case "compact":
      return checkCount(command.revision, "revision", 0);
    default:
      return invalid(
        "type",
        `unknown command type ${JSON.stringify((command as { type: unknown }).type)}`,
      );
  }
}

/** A listing's bounds, and the combinations that mean nothing (the field named is the later one). */
function checkRange(range: RangeRequest): KvError | null {
  const error =
    checkSelection(range) ??
    checkOptionalText(range.cursor, "cursor", MAX_KEY_BYTES) ??
    (range.limit === undefined ? null : checkCount(range.limit, "limit", 0)) ??
    checkFlag(range.keysOnly, "keysOnly") ??
    checkFlag(range.countOnly, "countOnly");
  if (error) return error;
  if (range.separator !== undefined) {
    const separatorError = checkText(range.separator, "separator", MAX_SEPARATOR_BYTES);
    if (separatorError) return separatorError;
    if (range.separator === "") return invalid("separator", "separator must not be empty");
  }
  if (range.countOnly && range.keysOnly) {
    return invalid("countOnly", "countOnly and keysOnly exclude each other");
  }
  if (range.countOnly && range.limit !== undefined && range.limit !== 0) {
    return invalid("limit", "countOnly counts every selected key; it takes no limit");
  }
  return null;
}

function checkDeleteRange(request: DeleteRangeRequest): KvError | null {
  const error = checkSelection(request) ?? checkFlag(request.all, "all");
  if (error) return error;
  const bounded = request.prefix !== "" || !!request.start || request.end !== undefined;
  if (request.all && bounded) {
    return invalid("all", "all deletes every key; it takes no prefix, start or end");
  }
  if (!request.all && !bounded) {
    return invalid("prefix", "deleting every key needs all=true; give a prefix, start or end");
  }
  return null;
}

/** A prefix, an optional start and an optional end above the start. */
function checkSelection(selection: KeySelection): KvError | null {
  const error =
    checkText(selection.prefix, "prefix", MAX_KEY_BYTES) ??
    checkOptionalText(selection.start, "start", MAX_KEY_BYTES) ??
    checkOptionalText(selection.end, "end", MAX_KEY_BYTES);
  if (error) return error;
  if (selection.end !== undefined && compareUtf8(selection.end, selection.start ?? "") <= 0) {
    return invalid("end", "end must be after start (the range is [start, end))");
  }
  return null;
}

function checkTxn(txn: Extract<KvCommand, { type: "txn" }>): KvError | null {
  for (const list of ["compare", "success", "failure"] as const) {
    if (!Array.isArray(txn[list])) return invalid(list, `${list} must be an array`);
    if (txn[list].length > MAX_TXN_OPS) {
      return tooLarge(list, `${list} has ${txn[list].length} entries; at most ${MAX_TXN_OPS}`);
    }
  }
  for (const [i, compare] of txn.compare.entries()) {
    const error = checkCompare(compare, `compare[${i}]`);
    if (error) return error;
  }
  return checkBranch(txn.success, "success") ?? checkBranch(txn.failure, "failure");
}

function checkCompare(compare: Compare, field: string): KvError | null {
  if (!compare || typeof compare !== "object") return invalid(field, "a compare must be an object");
  const keyError = checkKey(compare.key, `${field}.key`);
  if (keyError) return keyError;
  if (!TARGETS.has(compare.target)) {
    return invalid(
      `${field}.target`,
      "target must be value, version, createRevision or modRevision",
    );
  }
  if (!OPS.has(compare.op)) return invalid(`${field}.op`, 'op must be "=", "!=", "<" or ">"');
  return compare.target === "value"
    ? checkText(compare.value, `${field}.value`, MAX_VALUE_BYTES)
    : checkCount(compare.value, `${field}.value`, 0);
}

/**
 * Each op well-formed, and no key written twice in one branch (two puts, or a put and a
 * delete covering it), as etcd requires: every key changes at most once per revision.
 */
function checkBranch(ops: readonly TxnOp[], list: string): KvError | null {
  const puts: string[] = [];
  const deletes: DeleteRequest[] = [];
  for (const [i, op] of ops.entries()) {
    const field = `${list}[${i}]`;
    const kinds = op && typeof op === "object" ? Object.keys(op) : [];
    if (kinds.length !== 1 || !["put", "get", "delete"].includes(kinds[0] as string)) {
      return invalid(field, "an op must have exactly one of put, get, delete");
    }
    if ("put" in op) {
      const error = checkPut(op.put, `${field}.put.`);
      if (error) return error;
      if (puts.includes(op.put.key) || deletes.some((d) => covers(d, op.put.key))) {
        return invalid(
          `${field}.put.key`,
          `key ${JSON.stringify(op.put.key)} changes twice in one txn`,
        );
      }
      puts.push(op.put.key);
    } else if ("delete" in op) {
      const error = checkDelete(op.delete, `${field}.delete.`);
      if (error) return error;
      if (puts.some((key) => covers(op.delete, key))) {
        return invalid(`${field}.delete.key`, "deletes a key that the same txn puts");
      }
      deletes.push(op.delete);
    } else {
      const error = checkKey(op.get?.key, `${field}.get.key`);
      if (error) return error;
    }
  }
  return null;
}

function covers(request: DeleteRequest, key: string): boolean {
  return request.prefix ? key.startsWith(request.key) : key === request.key;
}

function checkPut(put: PutRequest, path: string): KvError | null {
  if (!put || typeof put !== "object")
    return invalid(path.slice(0, -1) || "put", "must be an object");
  return (
    checkKey(put.key, `${path}key`) ??
    checkText(put.value, `${path}value`, MAX_VALUE_BYTES) ??
    (put.lease === undefined ? null : checkCount(put.lease, `${path}lease`, 1)) ??
    (put.prevKv === undefined || typeof put.prevKv === "boolean"
      ? null
      : invalid(`${path}prevKv`, "prevKv must be a boolean"))
  );
}

function checkDelete(request: DeleteRequest, path: string): KvError | null {
  if (!request || typeof request !== "object") {
    return invalid(path.slice(0, -1) || "delete", "must be an object");
  }
  return (
    checkKey(request.key, `${path}key`) ??
    (request.prefix === undefined || typeof request.prefix === "boolean"
      ? null
      : invalid(`${path}prefix`, "prefix must be a boolean"))
  );
}

function checkKey(key: unknown, field: string): KvError | null {
  if (key === "") return invalid(field, "key must not be empty");
  return checkText(key, field, MAX_KEY_BYTES);
}

function checkText(text: unknown, field: string, maxBytes: number): KvError | null {
  if (typeof text !== "string") return invalid(field, `${field} must be a string`);
  if (!isWellFormed(text))
    return invalid(field, `${field} must be valid Unicode (no lone surrogates)`);
  const bytes = utf8Length(text);
  if (bytes > maxBytes) return tooLarge(field, `${field} is ${bytes} bytes; at most ${maxBytes}`);
  return null;
}

function checkOptionalText(text: unknown, field: string, maxBytes: number): KvError | null {
  return text === undefined ? null : checkText(text, field, maxBytes);
}

function checkFlag(flag: unknown, field: string): KvError | null {
  return flag === undefined || typeof flag === "boolean"
    ? null
    : invalid(field, `${field} must be a boolean`);
}

function checkCount(value: unknown, field: string, min: number): KvError | null {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    return invalid(field, `${field} must be an integer ≥ ${min}`);
  }
  return null;
}

function checkTime(now: unknown): KvError | null {
  if (typeof now !== "number" || !Number.isFinite(now) || now < 0) {
    return invalid("now", "now must be a finite, non-negative time in milliseconds");
  }
  return null;
}

function invalid(field: string, message: string): KvError {
  return { kind: "error", code: "invalid", message, field };
}

function tooLarge(field: string, message: string): KvError {
  return { kind: "error", code: "too_large", message, field };
}
