/**
 * Chord identifier math on a 2^64 ring. Identifiers are unsigned 64-bit bigints taken from
 * the first eight bytes of SHA-256; intervals are walked clockwise and wrap around zero.
 * When both ends of an interval are the same point the interval spans the whole ring
 * (minus that point for the open variant), as Chord's pseudocode assumes.
 */
import { sha256 } from "./sha256";

/** Number of bits in a Chord identifier. */
export const RING_BITS = 64;
/** The ring size 2^64; all identifier arithmetic is modulo this. */
export const RING_SIZE = 1n << 64n;
const MASK = RING_SIZE - 1n;

/** The identifier of a node address or key: the first 64 bits of SHA-256(name). */
export function chordId(name: string): bigint {
  const digest = sha256(name);
  let id = 0n;
  for (let i = 0; i < 8; i++) id = (id << 8n) | BigInt(digest[i] as number);
  return id;
}

/** The identifier of virtual node `index` hosted by `host`. */
export function virtualNodeName(host: string, index: number): string {
  return `${host}#${index}`;
}

/** (a + b) mod 2^64. */
export function ringAdd(a: bigint, b: bigint): bigint {
  return (a + b) & MASK;
}

/** Clockwise distance from `from` to `to`, in [0, 2^64). */
export function ringDistance(from: bigint, to: bigint): bigint {
  return (to - from) & MASK;
}

/** The start of finger `i` (0-based) of node `n`: n + 2^i mod 2^64. */
export function fingerStart(n: bigint, i: number): bigint {
  return (n + (1n << BigInt(i))) & MASK;
}

/** x ∈ (a, b) clockwise; (a, a) is the ring without a. */
export function inOpen(x: bigint, a: bigint, b: bigint): boolean {
  if (a < b) return a < x && x < b;
  if (a === b) return x !== a;
  return x > a || x < b;
}

/** x ∈ (a, b] clockwise; (a, a] is the whole ring. */
export function inOpenClosed(x: bigint, a: bigint, b: bigint): boolean {
  if (a < b) return a < x && x <= b;
  if (a === b) return true;
  return x > a || x <= b;
}

/** x ∈ [a, b) clockwise; [a, a) is the whole ring. */
export function inClosedOpen(x: bigint, a: bigint, b: bigint): boolean {
  if (a < b) return a <= x && x < b;
  if (a === b) return true;
  return x >= a || x < b;
}

/** An identifier as 16 lowercase hex digits (for storage keys and JSON). */
export function ringIdHex(id: bigint): string {
  return id.toString(16).padStart(16, "0");
}
