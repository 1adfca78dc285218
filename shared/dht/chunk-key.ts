/**
 * Where content-addressed chunks live in a ring's key space. A chunk is an immutable run of
 * at most `MAX_CHUNK_BYTES` bytes named by its SHA-256; it is stored as an ordinary record
 * whose value is bytes, under a key in a reserved namespace: keys that begin with a control
 * character (U+0000–U+001F) belong to edgeos, and the key API refuses them, so a user key
 * can neither read, overwrite nor delete a chunk. Chunks are replicated, handed off and
 * repaired by the same code as keys.
 */
import { hexOf } from "../hex";

/** Largest chunk, in bytes: the file system's 1 MiB chunk (a SQLite row may hold 2 MB). */
export const MAX_CHUNK_BYTES = 1_048_576;
/** The key prefix of every chunk; it begins with U+0001, inside the reserved namespace. */
export const CHUNK_KEY_PREFIX = "\u0001chunk/";
/** A chunk's name: its SHA-256 as 64 lowercase hex digits. */
export const CHUNK_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** True for keys in the reserved namespace (those a user may not take). */
export function isReservedKey(key: string): boolean {
  return key.length > 0 && key.charCodeAt(0) < 0x20;
}

/** The key of the chunk whose SHA-256 is `hash` (64 lowercase hex digits). */
export function chunkKey(hash: string): string {
  return CHUNK_KEY_PREFIX + hash;
}

/** The hash a chunk key names, or undefined when `key` is not a chunk's. */
export function chunkHashOf(key: string): string | undefined {
  if (!key.startsWith(CHUNK_KEY_PREFIX)) return undefined;
  const hash = key.slice(CHUNK_KEY_PREFIX.length);
  return CHUNK_HASH_PATTERN.test(hash) ? hash : undefined;
}

/** True when `a` and `b` hold the same bytes (a put of a chunk already held is a no-op). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The name of a chunk: SHA-256 of `bytes` as 64 lowercase hex digits (the platform's digest). */
export async function chunkDigest(bytes: Uint8Array): Promise<string> {
  return hexOf(await crypto.subtle.digest("SHA-256", bytes));
}
