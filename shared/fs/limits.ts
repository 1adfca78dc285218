/**
 * Bounds on what the file-system namespace accepts. `validateFsCommand` and the state
 * machine enforce them; the HTTP layer turns violations into 400/413 problems before
 * anything is proposed. Every operation's cost is bounded by these numbers.
 */

/** Longest path segment (file or directory name), in UTF-8 bytes, as in most file systems. */
export const MAX_SEGMENT_BYTES = 255;

/** Longest path, in UTF-8 bytes, slashes included (Linux's PATH_MAX). */
export const MAX_PATH_BYTES = 4096;

/** Most segments in a path (`/a/b` has two). */
export const MAX_PATH_DEPTH = 64;

/** Largest chunk, in bytes: the chunker cuts 1 MiB chunks; a last one may be shorter. */
export const MAX_CHUNK_BYTES = 1024 * 1024;

/** Most chunks in one file's manifest (10 GiB of full chunks). */
export const MAX_FILE_CHUNKS = 10_000;

/** Most chunks one command may carry (`commit` or `putPart`): a 100 MB body is 96 chunks. */
export const MAX_CHUNKS_PER_COMMAND = 128;

/** Highest part number of a multipart upload (parts are numbered from 1). */
export const MAX_UPLOAD_PARTS = 1000;

/** Most upload intents open at once in one volume. */
export const MAX_OPEN_UPLOADS = 1000;

/** Longest an upload intent may stay open, in milliseconds (one day). */
export const MAX_UPLOAD_TTL_MS = 24 * 3600 * 1000;

/**
 * Largest attributes one file version carries, as canonical JSON bytes: room for S3's
 * 2 KB of user metadata, a content type and an entity tag.
 */
export const MAX_FILE_ATTRS_BYTES = 4096;

/** Longest user-metadata name, in characters. */
export const MAX_META_NAME_LENGTH = 128;

/** Longest `scan` prefix, delimiter or `after` key, in UTF-8 bytes (a path's bound). */
export const MAX_SCAN_KEY_BYTES = 4096;

/** Most entries one `list`, `scan` or `listUploads` answers. */
export const MAX_LIST_LIMIT = 1000;

/** Most files and directories in one volume (its root included). */
export const MAX_VOLUME_INODES = 100_000;

/** Most volumes in one namespace (the `default` volume included). */
export const MAX_VOLUMES = 256;

/**
 * Most deleted volume names one namespace remembers the placement of; past it a delete is
 * refused (a forgotten placement would let a stale gateway cache send writes astray).
 */
export const MAX_RETIRED_VOLUMES = 4_096;

/** Longest volume or ring name, in characters. */
export const MAX_NAME_LENGTH = 63;

/** Longest upload or sweep id, in characters. */
export const MAX_ID_LENGTH = 128;

/** Longest `ifMatch` accepted, in characters; the etags this namespace makes are far shorter. */
export const MAX_ETAG_LENGTH = 128;

/** Most hashes one `gcBegin` may list (a collector proposes a large store in batches). */
export const MAX_GC_LISTED = 4096;

/**
 * Most sweeps kept at once, running or ended but still guarding uploads that overlapped
 * them. A `gcBegin` beyond it is refused with "retry later".
 */
export const MAX_SWEEPS = 16;

/** The volume that exists without being created, over the ring of the same name. */
export const DEFAULT_VOLUME = "default";

/** The consensus group recorded for a volume created without naming one (the default group). */
export const DEFAULT_GROUP_NAME = "default";

/** The ring of the default volume. */
export const DEFAULT_RING = "default";
