/**
 * Writing one file from one request body: the body is streamed into the volume's ring
 * under an upload intent (so a running garbage-collection sweep cannot doom its chunks),
 * then the manifest is committed through the volume's group. Readers see the old file or
 * the new one, never a part: a body cut off midway (it errors, or ends short of the
 * `expectedSize` its Content-Length announced), a failed chunk or a failed `verify` aborts
 * the intent and nothing becomes visible. A copy within one ring commits the source's
 * chunks under its own intent without storing any (`writeManifest`).
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
export function writeFile(
  env: Env,
  volume: VolumeRef,
  path: string,
  body: ReadableStream<Uint8Array> | null,
  options: WriteOptions,
): Promise<FileStat & { path: string }> {
  const { expectedSize, verify, ...rest } = options;
  return writeChunks(env, volume, path, rest, async () => {
    const stored = await storeStream(env, volume.ring, body ?? new ReadableStream(), {
      maxChunks: MAX_CHUNKS_PER_COMMAND,
      ...(expectedSize !== undefined && { expectedSize }),
    });
    const computed = await verify?.(stored);
    return computed ? { ...stored, attrs: computed } : stored;
  });
}

/**
 * Chunks already in the volume's ring, as a new version names them: a copy's, taken from
 * the source file's manifest (`sha256` null when the source has none). `attrs` are merged
 * over the options' own.
 */
export interface ChunkManifest extends Omit<StoredStream, "sha256"> {
  sha256: string | null;
  attrs?: FileAttrs;
}

/**
 * Commits at `path` a version made of chunks that `manifest` names without storing any —
 * a copy within one ring. `manifest` is read only once the upload intent is open, so a
 * garbage-collection sweep that dooms those chunks after it was read (the source deleted
 * meanwhile) overlaps the intent, and the commit is refused (503) instead of naming
 * deleted chunks.
 */
export function writeManifest(
  env: Env,
  volume: VolumeRef,
  path: string,
  manifest: () => Promise<ChunkManifest>,
  options: CommitOptions,
): Promise<FileStat & { path: string }> {
  return writeChunks(env, volume, path, options, manifest);
}

/** What a commit of known chunks is checked with and records. */
type CommitOptions = Omit<WriteOptions, "expectedSize" | "verify">;

/** The write both entries share: open an intent, get the chunks, commit (or abort). */
async function writeChunks(
  env: Env,
  volume: VolumeRef,
  path: string,
  options: CommitOptions,
  chunksOf: () => Promise<ChunkManifest>,
): Promise<FileStat & { path: string }> {
  const { attrs, fieldOf, ...conditions } = options;
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
    const { attrs: given, sha256, ...chunks } = await chunksOf();
    const merged = given || attrs ? { attrs: { ...attrs, ...given } } : {};
    const committed = await fsCall(
      env,
      volume.group,
      volume.name,
      {
        kind: "commit",
        path,
        upload,
        ...chunks,
        ...(sha256 !== null && { sha256 }),
        ...conditions,
        ...merged,
      },
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
