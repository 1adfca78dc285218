/**
 * How both overlays order the writes of one key. Every write — a put or a delete — carries
 * a stamp: the writing node's tick at the write, raised above the stamp it already held for
 * the key, so stamps of one key grow with every write a node makes and, across nodes, with
 * their (roughly shared) clocks. A delete is a write whose value is `null`: a tombstone that
 * travels the same paths as values (replication, hand-off, republish) and so wins over every
 * copy of an older write it meets. A copy is stored only when it supersedes the one held.
 *
 * A value is text (a user's key) or bytes (a content-addressed chunk, see ./chunk-key). Two
 * copies of one byte write with the same stamp are the same write whatever their bytes say:
 * bytes are judged by their hash at read time, never here, so a copy damaged at one holder
 * cannot spread to the others through pushes.
 */

/** What a key holds: text, bytes (chunks), or nothing (a tombstone). */
export type RecordValue = string | Uint8Array | null;

/** One write of a key: a value, or a tombstone (`value === null`). */
export interface Write {
  stamp: number;
  value: RecordValue;
}

/**
 * How long a tombstone is kept after its delete, in ticks (ms in the Durable Object shells):
 * 24 hours. A copy of an older write can only come back from a node that held it and missed
 * the delete; such a node meets the tombstone at its first push after it is reachable again
 * — a Kademlia republish (hourly, so 24 intervals fit in the grace period) or a Chord replica
 * or hand-off push after the membership change that lets it back (within a few 1 s
 * maintenance rounds) — because the receiver answers a stale push with the newer write. A
 * node out of reach for longer than a day is treated as failed: the shells' `fail` drops its
 * storage, and a node that comes back empty has nothing to hand back.
 */
export const TOMBSTONE_GRACE = 86_400_000;

/** The stamp of a new write at tick `now` by a node holding stamp `held` for the key. */
export function nextStamp(now: number, held: number | undefined): number {
  return Math.max(now, (held ?? -1) + 1);
}

/**
 * True when `a` is a later write than `b`. Equal stamps (two writers in one tick) are
 * ordered the same way everywhere: a tombstone over a value, then the larger value.
 */
export function supersedes(a: Write, b: Write): boolean {
  if (a.stamp !== b.stamp) return a.stamp > b.stamp;
  if (a.value === null) return b.value !== null;
  if (typeof a.value !== "string" || typeof b.value !== "string") return false;
  return a.value > b.value;
}

/** True when `a` and `b` are copies of one write: same stamp, same text or both bytes. */
export function sameWrite(a: Write, b: Write): boolean {
  if (a.stamp !== b.stamp) return false;
  if (a.value instanceof Uint8Array) return b.value instanceof Uint8Array;
  return a.value === b.value;
}
