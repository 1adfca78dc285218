/**
 * Bounds on what the KV accepts, shared by `validateCommand` and the HTTP layer (which
 * turns violations into 400/413 problems before anything is proposed).
 */

/** Largest key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** Longest separator a listing may fold keys by, in UTF-8 bytes. */
export const MAX_SEPARATOR_BYTES = 16;

/** Largest value, in UTF-8 bytes. */
export const MAX_VALUE_BYTES = 128 * 1024;

/** Most entries in each of a txn's lists (compares, success ops, failure ops), as etcd. */
export const MAX_TXN_OPS = 64;

/** Longest lease TTL a grant may ask for, in seconds (one year). */
export const MAX_LEASE_TTL_SECONDS = 365 * 24 * 3600;

/**
 * Most watch events kept. When a change would exceed it (or `MAX_WATCH_BYTES`), whole
 * revisions are dropped from the oldest end and the compaction point moves up past them,
 * as if compacted.
 */
export const MAX_WATCH_EVENTS = 10_000;

/** Most UTF-8 bytes of keys and values kept in the watch history (they ride in snapshots). */
export const MAX_WATCH_BYTES = 8 * 1024 * 1024;
