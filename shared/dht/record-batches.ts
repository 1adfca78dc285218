/**
 * How a node splits the records it pushes to one peer (replica pushes, hand-offs, STOREs)
 * into messages: a Durable Object RPC carries at most 32 MiB, and a chunk is up to 1 MiB,
 * so a node holding many chunks sends them in several messages of at most
 * `RECORD_BATCH_BYTES` of values each. A single record larger than that goes alone.
 */
import type { RecordValue } from "./write-stamp";

/** Most value bytes (text counted at two bytes a character) in one pushed message. */
export const RECORD_BATCH_BYTES = 8 * 1_048_576;

/** What a value weighs in a message, about: bytes as they are, text at two bytes a character. */
export function valueWeight(value: RecordValue): number {
  if (value === null) return 0;
  return typeof value === "string" ? value.length * 2 : value.byteLength;
}

/** `records` in order, cut into batches of at most `limit` value bytes (never empty ones). */
export function batchBySize<R extends { value: RecordValue }>(
  records: R[],
  limit = RECORD_BATCH_BYTES,
): R[][] {
  const batches: R[][] = [];
  let current: R[] = [];
  let weight = 0;
  for (const record of records) {
    const w = valueWeight(record.value);
    if (current.length > 0 && weight + w > limit) {
      batches.push(current);
      current = [];
      weight = 0;
    }
    current.push(record);
    weight += w;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
