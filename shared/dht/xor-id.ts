/**
 * Kademlia identifier math: 160-bit identifiers (the first 20 bytes of SHA-256) under the
 * XOR metric. The bucket of a contact is the index of the highest bit in which its
 * identifier differs from ours, so bucket i holds contacts at distance [2^i, 2^(i+1)).
 */
import { sha256 } from "./sha256";

/** Number of bits in a Kademlia identifier, and so the number of k-buckets. */
export const ID_BITS = 160;

/** The identifier of a node address or key: the first 160 bits of SHA-256(name). */
export function kadId(name: string): bigint {
  const digest = sha256(name);
  let id = 0n;
  for (let i = 0; i < 20; i++) id = (id << 8n) | BigInt(digest[i] as number);
  return id;
}

/** d(a, b) = a XOR b. */
export function xorDistance(a: bigint, b: bigint): bigint {
  return a ^ b;
}

/** Number of significant bits of a non-negative bigint below 2^160 (0 for 0). */
export function bitLength(x: bigint): number {
  for (let shift = 128; shift >= 0; shift -= 32) {
    const chunk = Number((x >> BigInt(shift)) & 0xffffffffn);
    if (chunk !== 0) return shift + 32 - Math.clz32(chunk);
  }
  return 0;
}

/** The k-bucket index of `other` in the table of `self`, in [0, 160); −1 when equal. */
export function bucketIndex(self: bigint, other: bigint): number {
  return bitLength(self ^ other) - 1;
}

/** Orders a and b by XOR distance to `target` (negative when a is closer). */
export function compareDistance(target: bigint, a: bigint, b: bigint): number {
  const da = a ^ target;
  const db = b ^ target;
  return da < db ? -1 : da > db ? 1 : 0;
}

/** A uniformly random identifier inside bucket `index` of `self` (for bucket refresh). */
export function randomIdInBucket(self: bigint, index: number, nextUint32: () => number): bigint {
  let noise = 0n;
  for (let i = 0; i < 5; i++) noise = (noise << 32n) | BigInt(nextUint32());
  const bit = 1n << BigInt(index);
  const below = bit - 1n;
  return ((self ^ bit) & ~below) | (noise & below);
}

/** An identifier as 40 lowercase hex digits (for storage keys and JSON). */
export function kadIdHex(id: bigint): string {
  return id.toString(16).padStart(40, "0");
}
