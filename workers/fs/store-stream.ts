/**
 * Stores a byte stream as chunks in a ring, without holding it whole: the stream is cut
 * into 1 MiB chunks as it arrives, each chunk is stored (hashed, r copies) while the next
 * ones are read, at most `STORE_PARALLELISM` at a time, and the whole stream's SHA-256 is
 * computed on the way. Memory stays at about `STORE_PARALLELISM + 1` chunks whatever the
 * size. Nothing is visible to readers until the caller commits the manifest it returns.
 */

import { fixedChunks } from "../../shared/fs/chunker";
import type { ChunkRef } from "../../shared/fs/types";
import { hexOf } from "../../shared/hex";
import { ProblemError } from "../gateway/problem";
import { putChunk } from "./chunk-store";

/** The body length a request announced (`Content-Length`), if it announced one. */
export function announcedLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  const length = header === null ? Number.NaN : Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * Chunks stored at once per request. Below the platform's 6 simultaneous open connections
 * per request, leaving room for the consensus call that commits the manifest.
 */
export const STORE_PARALLELISM = 4;

/** What a stored stream became: its chunks in order, its size and its SHA-256. */
export interface StoredStream {
  chunks: ChunkRef[];
  size: number;
  sha256: string;
}

/**
 * Stores `body` in `ring`; refuses (413, before storing more) a stream of more than
 * `maxChunks` chunks, and (400) one that ends short of or past the `expectedSize` its
 * Content-Length announced — a client that went away. A failed chunk fails the whole
 * call, and the rest of the body is not read. Chunks stored before a failure are left to
 * the garbage collector: nothing references them.
 */
export async function storeStream(
  env: Env,
  ring: string,
  body: ReadableStream<Uint8Array>,
  limits: { maxChunks: number; expectedSize?: number },
): Promise<StoredStream> {
  const { maxChunks, expectedSize } = limits;
  const digest = new crypto.DigestStream("SHA-256");
  const hasher = digest.getWriter();
  const stored: Promise<ChunkRef>[] = [];
  const inFlight = new Set<Promise<ChunkRef>>();
  let size = 0;
  for await (const chunk of fixedChunks(body)) {
    if (stored.length >= maxChunks) {
      throw new ProblemError(
        "payload-too-large",
        `a file of more than ${maxChunks} chunks needs an upload session`,
      );
    }
    size += chunk.byteLength;
    await hasher.write(chunk);
    const put = putChunk(env, ring, chunk).then(({ hash, size }) => ({ hash, size }));
    stored.push(put);
    inFlight.add(put);
    const settle = () => inFlight.delete(put);
    put.then(settle, settle);
    if (inFlight.size >= STORE_PARALLELISM) await Promise.race(inFlight);
  }
  const chunks = await Promise.all(stored);
  if (expectedSize !== undefined && size !== expectedSize) {
    throw new ProblemError(
      "bad-request",
      `the body ended after ${size} of the ${expectedSize} bytes its Content-Length announced`,
      { field: "header.content-length" },
    );
  }
  await hasher.close();
  return { chunks, size, sha256: hexOf(await digest.digest) };
}
