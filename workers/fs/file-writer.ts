/**
 * Writing one file from one request body: the body is streamed into the volume's ring
 * under an upload intent (so a running garbage-collection sweep cannot doom its chunks),
 * then the manifest is committed through the volume's group. Readers see the old file or
 * the new one, never a part: a body cut off midway (it errors, or ends short of the
 * `expectedSize` its Content-Length announced), a failed chunk or a failed `verify` aborts
 * the intent and nothing becomes visible.
 */
import { MAX_CHUNKS_PER_COMMAND } from "../../shared/fs/limits";
import type { FileAttrs, FileStat } from "../../shared/fs/types";
import type { FsFieldOf } from "./namespace-calls";
import { fsCall } from "./namespace-calls";
import { type StoredStream, storeStream } from "./store-stream";
import type { VolumeRef } from "./volume-directory";

/** How long a streamed write may take before its upload intent expires (its chunks are collected). */
export const PUT_UPLOAD_TTL_MS = 3_600_000;

/** How a write is checked and what it records beyond the bytes. */
export interface WriteOptions {
  ifMatch?: string;
  ifNoneMatch?: "*";
  expectedSize?: number;
  /** Attributes the new version carries. */
  attrs?: FileAttrs;
  /**
   * Runs once the body is stored, before the commit: it may refuse the body (throw) or
   * answer attributes computed over it, merged over `attrs`.
   */
  verify?: (stored: StoredStream) => Promise<FileAttrs | undefined>;
  /** Maps a namespace field onto the request; the namespace's own names when absent. */
  fieldOf?: FsFieldOf;
}

/** Streams `body` into `path` of `volume` and commits it; the file as written. */
export async function writeFile(
  env: Env,
  volume: VolumeRef,
  path: string,
  body: ReadableStream<Uint8Array> | null,
  options: WriteOptions,
): Promise<FileStat & { path: string }> {
  const { expectedSize, attrs, verify, fieldOf, ...conditions } = options;
  const upload = crypto.randomUUID();
  const call = { write: true, ...(fieldOf && { fieldOf }) };
  await fsCall(
    env,
    volume.group,
    volume.name,
    { kind: "beginUpload", id: upload, path, expiresAt: Date.now() + PUT_UPLOAD_TTL_MS },
    call,
  );
  try {
    const stored = await storeStream(env, volume.ring, body ?? new ReadableStream(), {
      maxChunks: MAX_CHUNKS_PER_COMMAND,
      ...(expectedSize !== undefined && { expectedSize }),
    });
    const computed = await verify?.(stored);
    const written = computed || attrs ? { attrs: { ...attrs, ...computed } } : {};
    const committed = await fsCall(
      env,
      volume.group,
      volume.name,
      { kind: "commit", path, upload, ...stored, ...conditions, ...written },
      call,
    );
    return { ...committed.file, path: committed.path };
  } catch (error) {
    await fsCall(env, volume.group, volume.name, { kind: "abortUpload", id: upload }, call).catch(
      () => undefined,
    );
    throw error;
  }
}
