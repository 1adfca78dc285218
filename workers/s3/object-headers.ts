/**
 * An object's HTTP face: the attributes a write takes from its headers (`Content-Type`,
 * `x-amz-meta-*`) and the headers a read answers (`ETag`, `Last-Modified`,
 * `Content-Type`, user metadata). An object's ETag is the MD5 (or `md5-of-md5s-N`) the
 * gateway computed when S3 wrote it; a file written through the native API has none, and
 * answers its file-system etag, which holds a dash — so clients, as with a multipart
 * ETag, do not take it for an MD5.
 */
import type { FileAttrs, FileStat } from "../../shared/fs/types";
import { httpDate } from "../../shared/s3/s3-dates";
import { S3Error } from "../../shared/s3/s3-errors";

/** S3's bound on user metadata: names and values together, in bytes. */
export const MAX_USER_METADATA_BYTES = 2048;

const META_PREFIX = "x-amz-meta-";

/** What a write's headers say about the object beyond its bytes. */
export function attrsOfHeaders(headers: Headers): FileAttrs {
  const meta: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of headers) {
    if (!name.startsWith(META_PREFIX)) continue;
    const key = name.slice(META_PREFIX.length);
    meta[key] = value;
    bytes += key.length + value.length;
  }
  if (bytes > MAX_USER_METADATA_BYTES) {
    throw new S3Error(
      "MetadataTooLarge",
      `Your metadata headers exceed the maximum allowed metadata size (${bytes} of ${MAX_USER_METADATA_BYTES} bytes).`,
    );
  }
  const contentType = headers.get("content-type");
  return {
    ...(contentType !== null && { contentType }),
    ...(Object.keys(meta).length > 0 && { meta }),
  };
}

/** The object's ETag, unquoted. */
export function objectEtag(file: Pick<FileStat, "etag" | "attrs">): string {
  return file.attrs?.contentEtag ?? file.etag;
}

/** The headers a GET or HEAD of `file` answers (its length is the caller's). */
export function objectHeaders(file: FileStat): Headers {
  const headers = new Headers({
    etag: `"${objectEtag(file)}"`,
    "last-modified": httpDate(file.mtime),
    "accept-ranges": "bytes",
    "content-type": file.attrs?.contentType ?? "binary/octet-stream",
  });
  for (const [name, value] of Object.entries(file.attrs?.meta ?? {})) {
    headers.set(`${META_PREFIX}${name}`, value);
  }
  return headers;
}
