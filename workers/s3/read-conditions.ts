/**
 * S3's conditional reads (RFC 9110 §13 as S3 applies it): `If-Match` and
 * `If-Unmodified-Since` fail with 412, `If-None-Match` and `If-Modified-Since` answer
 * 304. When `If-Match` holds, `If-Unmodified-Since` is not consulted, and when
 * `If-None-Match` fails, `If-Modified-Since` is not either. Times compare in whole
 * seconds, the resolution of `Last-Modified`.
 */
import type { FileStat } from "../../shared/fs/types";
import { parseHttpDate } from "../../shared/s3/s3-dates";
import { S3Error } from "../../shared/s3/s3-errors";
import { objectEtag } from "./object-headers";

/** What the conditions make of a read of `file`: serve it, or answer 304. */
export function readVerdict(headers: Headers, file: FileStat): "serve" | "not-modified" {
  const etag = objectEtag(file);
  const seconds = Math.floor(file.mtime / 1000);
  const ifMatch = headers.get("if-match");
  if (ifMatch !== null) {
    if (!etagListHas(ifMatch, etag))
      throw new S3Error(
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
      );
  } else {
    const since = dateSeconds(headers.get("if-unmodified-since"));
    if (since !== null && seconds > since)
      throw new S3Error(
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
      );
  }
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) return etagListHas(ifNoneMatch, etag) ? "not-modified" : "serve";
  const since = dateSeconds(headers.get("if-modified-since"));
  return since !== null && seconds <= since ? "not-modified" : "serve";
}

/** Whether a comma-separated list of entity tags (or `*`) names `etag`. */
export function etagListHas(list: string, etag: string): boolean {
  return list
    .split(",")
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, "")
        .replace(/^"(.*)"$/, "$1"),
    )
    .some((tag) => tag === "*" || tag === etag);
}

function dateSeconds(header: string | null): number | null {
  if (header === null) return null;
  const ms = parseHttpDate(header);
  return ms === null ? null : Math.floor(ms / 1000);
}
