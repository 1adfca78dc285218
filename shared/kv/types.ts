/**
 * The KV's data model, commands and results, after etcd's v3 API. Commands and results
 * are plain JSON values: commands travel through the Raft log and over DO RPC.
 */

/** One key as stored. Revisions are group-wide; `version` counts puts since creation. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the put that created the key (since it was last absent). */
  createRevision: number;
  /** Revision of the last put to the key. */
  modRevision: number;
  /** Puts since creation: 1 after the first; back to 1 when deleted and recreated. */
  version: number;
  /** The lease the key is attached to, if any. */
  lease?: number;
}

export type CompareTarget = "value" | "version" | "createRevision" | "modRevision";
export type CompareOp = "=" | "!=" | "<" | ">";

/**
 * One txn guard. `value` is a string for target `value` and an integer otherwise. A
 * missing key has version, createRevision and modRevision 0, and fails every `value`
 * compare (as in etcd).
 */
export interface Compare {
  key: string;
  target: CompareTarget;
  op: CompareOp;
  value: string | number;
}

export interface PutRequest {
  key: string;
  value: string;
  lease?: number;
  /** Return the key as it was before the put, when it existed. */
  prevKv?: boolean;
}

export interface GetRequest {
  key: string;
}

export interface DeleteRequest {
  /** The key, or the prefix when `prefix` is set. */
  key: string;
  prefix?: boolean;
}

/**
 * A listing: the keys that start with `prefix`, are at or after `start` and `cursor` and
 * before `end`, in UTF-8 byte order. With a `separator`, keys whose rest after the prefix
 * contains it are folded into one common prefix each (up to and including the first
 * separator), so a listing shows one level of a tree. `limit` (0 or absent: no limit)
 * counts keys and common prefixes together.
 */
export interface RangeRequest {
  prefix: string;
  limit?: number;
  start?: string;
  end?: string;
  /** Where a previous page stopped: its answer's `cursor`. */
  cursor?: string;
  separator?: string;
  /** Keys and their revisions without values. */
  keysOnly?: boolean;
  /** Only how many keys (or, with a separator, entries) are selected; no `limit`. */
  countOnly?: boolean;
}

/**
 * Deletes every key a listing of the same `prefix`, `start` and `end` would select, in
 * one revision. Selecting every key (no prefix, start or end) needs `all: true`, and
 * `all` takes no bounds: a forgotten parameter never empties the keyspace.
 */
export interface DeleteRangeRequest {
  prefix: string;
  start?: string;
  end?: string;
  all?: boolean;
}

/** One txn operation, in the HTTP API's shape. */
export type TxnOp = { put: PutRequest } | { get: GetRequest } | { delete: DeleteRequest };

/**
 * Every command the state machine applies. Time (`now`, milliseconds on the leader's
 * clock) travels inside the commands that need it; the state machine never reads a clock.
 */
export type KvCommand =
  | ({ type: "put" } & PutRequest)
  | ({ type: "get" } & GetRequest)
  | ({ type: "range" } & RangeRequest)
  | ({ type: "delete" } & DeleteRequest)
  | ({ type: "deleteRange" } & DeleteRangeRequest)
  | { type: "txn"; compare: Compare[]; success: TxnOp[]; failure: TxnOp[] }
  | { type: "leaseGrant"; ttl: number; now: number }
  | { type: "leaseKeepAlive"; id: number; now: number }
  | { type: "leaseRevoke"; id: number }
  | { type: "expireLeases"; now: number }
  | { type: "compact"; revision: number };

export type KvCommandType = KvCommand["type"];

export interface GetResult {
  kind: "get";
  revision: number;
  item: KeyValue | null;
}

export interface PutResult {
  kind: "put";
  revision: number;
  item: KeyValue;
  prev?: KeyValue;
}

/** A listed key: a `KeyValue`, without its value when the listing was `keysOnly`. */
export type ListedKey = Omit<KeyValue, "value"> & { value?: string };

export interface RangeResult {
  kind: "range";
  /** Selected keys (none with `countOnly`). */
  items: ListedKey[];
  /** With a separator: the common prefixes, in order, each once. */
  prefixes?: string[];
  /** With `countOnly`: how many keys (with a separator, keys and common prefixes) match. */
  count?: number;
  revision: number;
  /** True when entries beyond `limit` match; `cursor` then says where they start. */
  more: boolean;
  /** The first entry not returned; pass it back as the request's `cursor` to go on. */
  cursor?: string;
}

export interface DeleteResult {
  kind: "delete";
  deleted: number;
  revision: number;
}

export interface DeleteRangeResult {
  kind: "deleteRange";
  deleted: number;
  revision: number;
}

/** Results of a txn's ops, in op order; reads see the txn's earlier writes. */
export type TxnOpResult =
  | { kind: "get"; item: KeyValue | null }
  | { kind: "put"; item: KeyValue; prev?: KeyValue }
  | { kind: "delete"; deleted: number };

export interface TxnResult {
  kind: "txn";
  succeeded: boolean;
  revision: number;
  results: TxnOpResult[];
}

export interface LeaseGrantResult {
  kind: "leaseGrant";
  id: number;
  ttl: number;
}

export interface LeaseKeepAliveResult {
  kind: "leaseKeepAlive";
  id: number;
  ttl: number;
}

export interface LeaseRevokeResult {
  kind: "leaseRevoke";
  deleted: number;
  revision: number;
}

export interface ExpireLeasesResult {
  kind: "expireLeases";
  /** The leases revoked, in id order. */
  expired: number[];
  revision: number;
}

export interface CompactResult {
  kind: "compact";
  compactRevision: number;
  revision: number;
}

export type KvErrorCode =
  | "invalid"
  | "too_large"
  | "lease_not_found"
  | "compacted"
  | "future_revision";

/** A rejected command; it changed nothing. `field` names the offending field, if one. */
export interface KvError {
  kind: "error";
  code: KvErrorCode;
  message: string;
  field?: string;
}

export type KvResult =
  | GetResult
  | PutResult
  | RangeResult
  | DeleteResult
  | DeleteRangeResult
  | TxnResult
  | LeaseGrantResult
  | LeaseKeepAliveResult
  | LeaseRevokeResult
  | ExpireLeasesResult
  | CompactResult
  | KvError;

/** A change as a watcher sees it. All events of one txn share its revision. */
export type WatchEvent =
  | {
      type: "put";
      key: string;
      value: string;
      revision: number;
      createRevision: number;
      version: number;
      lease?: number;
    }
  | { type: "delete"; key: string; revision: number };

/** The result a command of type `T` answers (every result's `kind` is its command's type). */
export type KvResultOf<T extends KvCommandType> = Extract<KvResult, { kind: T }>;

/** Whether `result` is the answer to a command of type `type`. */
export function isResultOf<T extends KvCommandType>(
  result: KvResult,
  type: T,
): result is KvResultOf<T> {
  return result.kind === type;
}
