/**
 * A file's bytes as a stream, read chunk by chunk in order: only the chunks a range needs
 * are fetched, each is verified against its hash by the chunk store (a bad replica is
 * skipped and repaired there), and at most `READ_AHEAD` chunks are fetched ahead of the
 * reader, so memory stays bounded however large the file and however slow the client.
 */
import { type ByteRange, slicesFor } from "../../shared/fs/byte-range";
import type { ChunkRef } from "../../shared/fs/types";
import { getChunk } from "./chunk-store";

/** Chunks fetched ahead of the one being sent (each up to 1 MiB). */
export const READ_AHEAD = 2;

/**
 * The bytes of `range` (the whole file when null) of the file made of `chunks`, as a
 * stream of that exact length.
 */
export function readStream(
  env: Env,
  ring: string,
  chunks: readonly ChunkRef[],
  range: ByteRange | null,
): ReadableStream<Uint8Array> {
  const total = chunks.reduce((sum, c) => sum + c.size, 0);
  const wanted = range ?? { start: 0, end: total - 1 };
  const slices =
    total === 0
      ? []
      : slicesFor(
          chunks.map((c) => c.size),
          wanted,
        );
  const pending: Promise<Uint8Array>[] = [];
  let next = 0;
  const fetchAhead = () => {
    while (next < slices.length && pending.length <= READ_AHEAD) {
      const slice = slices[next++];
      if (!slice) break;
      const ref = chunks[slice.index] as ChunkRef;
      const fetched = getChunk(env, ring, ref.hash).then((bytes) =>
        bytes.subarray(slice.from, slice.to),
      );
      // Handled when the reader reaches it; a failure then errors the stream.
      fetched.catch(() => undefined);
      pending.push(fetched);
    }
  };
  const chunked = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        fetchAhead();
        const head = pending.shift();
        if (!head) {
          controller.close();
          return;
        }
        controller.enqueue(await head);
        fetchAhead();
      },
    },
    { highWaterMark: 0 },
  );
  // A stream of known length, so the response says Content-Length rather than going
  // chunked (clients such as s3cmd need it); a failed chunk still errors the body.
  const sized = new FixedLengthStream(total === 0 ? 0 : wanted.end - wanted.start + 1);
  chunked.pipeTo(sized.writable).catch(() => undefined);
  return sized.readable;
}
