/**
 * Splits a byte stream into the file system's fixed-size chunks as it arrives, holding at
 * most one chunk in memory: every chunk but the last is exactly `size` bytes, the last is
 * shorter, and an empty stream yields no chunk at all (an empty file has no chunks).
 */

/** Bytes per chunk: 1 MiB, under the 2 MB limit on one SQLite row where a chunk is stored. */
export const CHUNK_SIZE = 1024 * 1024;

/** Yields `source` re-cut into chunks of `size` bytes; the caller may keep each one. */
export async function* fixedChunks(
  source: ReadableStream<Uint8Array>,
  size = CHUNK_SIZE,
): AsyncGenerator<Uint8Array> {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunk size ${size}`);
  const reader = source.getReader();
  let chunk = new Uint8Array(size);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.byteLength) {
        const take = Math.min(size - filled, value.byteLength - offset);
        chunk.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === size) {
          yield chunk;
          chunk = new Uint8Array(size);
          filled = 0;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (filled > 0) yield chunk.slice(0, filled);
}
