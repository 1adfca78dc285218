/**
 * Multipart uploads are the file system's upload sessions: CreateMultipartUpload opens a
 * session (its id is the UploadId; it expires after `MAX_UPLOAD_TTL_MS`, then its chunks
 * are collected), UploadPart stores a part and records it with its MD5, CompleteMultipart
 * commits the named parts atomically as the object, with S3's ETag (the MD5 of the parts'
 * MD5s, a dash, the part count), and AbortMultipartUpload, ListParts and
 * ListMultipartUploads are the session's abort and listings. Part numbers run 1 to
 * `MAX_PARTS`; every part but the last holds at least `MIN_PART_BYTES`.
 */

import type { ByteRange } from "../../shared/fs/byte-range";
import { MAX_CHUNKS_PER_COMMAND, MAX_UPLOAD_TTL_MS } from "../../shared/fs/limits";
import { bytesOfHex, hexOf } from "../../shared/hex";
import { S3Error } from "../../shared/s3/s3-errors";
import { parseCompleteMultipartUpload } from "../../shared/s3/s3-requests";
import {
  completeMultipartXml,
  copyPartResultXml,
  initiateMultipartXml,
  listMultipartUploadsXml,
  listPartsXml,
  MAX_PARTS,
} from "../../shared/s3/s3-responses";
import { MAX_XML_REQUEST_BYTES } from "../../shared/s3/xml-reader";
import { readStream } from "../fs/read-stream";
import { storeStream } from "../fs/store-stream";
import type { VolumeRef } from "../fs/volume-directory";
import { BodyDigests, type CheckedDigests, checkContentMd5 } from "./body-digests";
import { S3_OWNER } from "./bucket-ops";
import { bucketOp, bucketVolume, s3Call } from "./fs-problems";
import { attrsOfHeaders } from "./object-headers";
import { keyOfPath, pathOfKey } from "./object-keys";
import { copySource, statObject } from "./object-ops";
import { bodyText } from "./request-body";
import { bucketOf, keyOf, type S3Call } from "./s3-call";
import { xmlResponse } from "./xml-response";

/** S3's smallest part, but for the last one. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** Most uploads one ListMultipartUploads answers (S3's bound). */
export const MAX_UPLOADS_PER_LIST = 1000;

/** Sorts after every character an upload id may hold: a key marker alone skips the key's uploads. */
const AFTER_EVERY_ID = "\u007f";

/** CreateMultipartUpload. */
export async function createMultipartUpload(call: S3Call): Promise<Response> {
  const volume = await bucketVolume(call.env, bucketOf(call));
  const path = pathOfKey(keyOf(call));
  const opened = await bucketOp(call.env, volume, {
    kind: "beginUpload",
    id: crypto.randomUUID().replaceAll("-", ""),
    path,
    expiresAt: Date.now() + MAX_UPLOAD_TTL_MS,
    attrs: attrsOfHeaders(call.request.headers),
  });
  return xmlResponse(
    initiateMultipartXml({ bucket: bucketOf(call), key: keyOf(call), uploadId: opened.id }),
  );
}

/** UploadPart: the part is stored, checked against the digests sent, and recorded with its MD5. */
export async function uploadPart(call: S3Call): Promise<Response> {
  const { env, request } = call;
  const part = partNumberOf(call.query.get("partNumber"));
  const id = call.query.get("uploadId") as string;
  const volume = await bucketVolume(env, bucketOf(call));
  checkContentMd5(request.headers);
  const digests = new BodyDigests(request.headers);
  const checked = await recordPart(
    env,
    volume,
    { id, part },
    digests,
    call.body.stream,
    call.body.length,
    async (sha256) => {
      if (call.body.signedSha256 !== null && call.body.signedSha256 !== sha256) {
        throw new S3Error(
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
      return call.body.trailers;
    },
  );
  const headers = new Headers({ etag: `"${checked.md5Hex}"` });
  for (const [name, value] of checked.checksums) headers.set(name, value);
  return new Response(null, { status: 200, headers });
}

/** UploadPartCopy: a part made of an object's bytes (all, or `x-amz-copy-source-range`). */
export async function uploadPartCopy(call: S3Call): Promise<Response> {
  const { env, request } = call;
  const part = partNumberOf(call.query.get("partNumber"));
  const id = call.query.get("uploadId") as string;
  const source = copySource(request.headers.get("x-amz-copy-source") as string);
  const [from, to] = await Promise.all([
    bucketVolume(env, source.bucket),
    bucketVolume(env, bucketOf(call)),
  ]);
  const file = await statObject(env, from, source.key);
  const range = copyRange(request.headers.get("x-amz-copy-source-range"), file.size);
  const length = range === null ? file.size : range.end - range.start + 1;
  const bytes = readStream(env, from.ring, file.chunks, range);
  const checked = await recordPart(
    env,
    to,
    { id, part },
    new BodyDigests(new Headers()),
    bytes,
    length,
    async () => new Map(),
  );
  return xmlResponse(copyPartResultXml({ etag: `"${checked.md5Hex}"`, lastModified: Date.now() }));
}

/** Stores `body` as part `part` of session `id` and records it with its MD5. */
async function recordPart(
  env: Env,
  volume: VolumeRef,
  { id, part }: { id: string; part: number },
  digests: BodyDigests,
  body: ReadableStream<Uint8Array>,
  length: number | undefined,
  stored: (sha256: string) => Promise<ReadonlyMap<string, string>>,
): Promise<CheckedDigests> {
  const kept = await s3Call(() =>
    storeStream(env, volume.ring, digests.through(body), {
      maxChunks: MAX_CHUNKS_PER_COMMAND,
      ...(length !== undefined && { expectedSize: length }),
    }),
  );
  const checked = await digests.check(await stored(kept.sha256), kept.sha256);
  await bucketOp(
    env,
    volume,
    { kind: "putPart", id, part, size: kept.size, chunks: kept.chunks, etag: checked.md5Hex },
    "NoSuchUpload",
  );
  return checked;
}

/** `x-amz-copy-source-range` (`bytes=a-b`, both given, within the source); null when absent. */
function copyRange(header: string | null, size: number): ByteRange | null {
  if (header === null) return null;
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || end < start || end >= size) {
    throw new S3Error(
      "InvalidArgument",
      `The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy, within the ${size} bytes of the source`,
    );
  }
  return { start, end };
}

/** CompleteMultipartUpload. */
export async function completeMultipartUpload(call: S3Call): Promise<Response> {
  const id = call.query.get("uploadId") as string;
  const volume = await bucketVolume(call.env, bucketOf(call));
  const wanted = parseCompleteMultipartUpload(await bodyText(call.body, MAX_XML_REQUEST_BYTES));
  const session = await sessionOf(call, volume, id);
  const recorded = new Map(session.partList.map((p) => [p.part, p]));
  const md5s: string[] = [];
  for (const [i, { partNumber, etag }] of wanted.entries()) {
    const part = recorded.get(partNumber);
    if (!part?.etag || part.etag !== etag.replace(/^"(.*)"$/, "$1")) {
      throw new S3Error(
        "InvalidPart",
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      );
    }
    if (i < wanted.length - 1 && part.size < MIN_PART_BYTES) {
      throw new S3Error(
        "EntityTooSmall",
        `Your proposed upload is smaller than the minimum allowed object size: part ${partNumber} holds ${part.size} bytes; every part but the last holds at least ${MIN_PART_BYTES}`,
      );
    }
    md5s.push(part.etag);
  }
  const etag = `${hexOf(await crypto.subtle.digest("MD5", bytesOfHex(md5s.join(""))))}-${md5s.length}`;
  await bucketOp(
    call.env,
    volume,
    {
      kind: "completeUpload",
      id,
      parts: wanted.map((p) => ({ part: p.partNumber, etag: p.etag.replace(/^"(.*)"$/, "$1") })),
      attrs: { contentEtag: etag },
    },
    "NoSuchUpload",
  );
  return xmlResponse(
    completeMultipartXml({
      location: `/${bucketOf(call)}/${keyOf(call)}`,
      bucket: bucketOf(call),
      key: keyOf(call),
      etag: `"${etag}"`,
    }),
  );
}

/** AbortMultipartUpload. */
export async function abortMultipartUpload(call: S3Call): Promise<Response> {
  const id = call.query.get("uploadId") as string;
  const volume = await bucketVolume(call.env, bucketOf(call));
  await sessionOf(call, volume, id);
  await bucketOp(call.env, volume, { kind: "abortUpload", id }, "NoSuchUpload");
  return new Response(null, { status: 204 });
}

/** ListParts. */
export async function listParts(call: S3Call): Promise<Response> {
  const id = call.query.get("uploadId") as string;
  const volume = await bucketVolume(call.env, bucketOf(call));
  const session = await sessionOf(call, volume, id);
  const marker = Number(call.query.get("part-number-marker") ?? "0");
  const maxParts = Math.min(Number(call.query.get("max-parts") ?? MAX_PARTS), MAX_PARTS);
  if (!Number.isInteger(marker) || marker < 0 || !Number.isInteger(maxParts) || maxParts < 0) {
    throw new S3Error(
      "InvalidArgument",
      "part-number-marker and max-parts are non-negative integers",
    );
  }
  const after = session.partList.filter((p) => p.part > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  return xmlResponse(
    listPartsXml({
      bucket: bucketOf(call),
      key: keyOf(call),
      uploadId: id,
      partNumberMarker: marker,
      nextPartNumberMarker: page.length > 0 ? (page[page.length - 1]?.part ?? marker) : marker,
      maxParts,
      isTruncated: truncated,
      owner: S3_OWNER,
      parts: page.map((p) => ({
        partNumber: p.part,
        lastModified: p.mtime,
        etag: `"${p.etag ?? ""}"`,
        size: p.size,
      })),
    }),
  );
}

/** ListMultipartUploads: a bucket's open sessions by key, then id. */
export async function listMultipartUploads(call: S3Call): Promise<Response> {
  const q = call.query;
  const volume = await bucketVolume(call.env, bucketOf(call));
  const keyMarker = q.get("key-marker") ?? "";
  const idMarker = q.get("upload-id-marker") ?? "";
  const prefix = q.get("prefix") ?? "";
  const maxUploads = Math.min(
    Number(q.get("max-uploads") ?? MAX_UPLOADS_PER_LIST),
    MAX_UPLOADS_PER_LIST,
  );
  if (!Number.isInteger(maxUploads) || maxUploads < 1) {
    throw new S3Error("InvalidArgument", "max-uploads is an integer from 1 to 1000");
  }
  const cursor = keyMarker === "" ? undefined : `/${keyMarker}\u0000${idMarker || AFTER_EVERY_ID}`;
  const listed = await bucketOp(call.env, volume, {
    kind: "listUploads",
    limit: maxUploads,
    ...(cursor !== undefined && { cursor }),
  });
  const last = listed.uploads[listed.uploads.length - 1];
  return xmlResponse(
    listMultipartUploadsXml({
      bucket: bucketOf(call),
      keyMarker,
      uploadIdMarker: idMarker,
      nextKeyMarker: last ? keyOfPath(last.path) : "",
      nextUploadIdMarker: last ? last.id : "",
      ...(prefix !== "" && { prefix }),
      maxUploads,
      isTruncated: listed.cursor !== null,
      uploads: listed.uploads
        .map((u) => ({ key: keyOfPath(u.path), uploadId: u.id, initiated: u.openedAt }))
        .filter((u) => u.key.startsWith(prefix)),
      owner: S3_OWNER,
    }),
  );
}

/** The open session `id` of the request's key; `NoSuchUpload` when it is another key's or gone. */
async function sessionOf(call: S3Call, volume: VolumeRef, id: string) {
  if (!/^[A-Za-z0-9._~-]{1,128}$/.test(id))
    throw new S3Error("NoSuchUpload", "The specified upload does not exist.");
  const session = await bucketOp(call.env, volume, { kind: "uploadParts", id }, "NoSuchUpload");
  if (session.path !== pathOfKey(keyOf(call))) {
    throw new S3Error(
      "NoSuchUpload",
      "The specified upload does not exist: it belongs to another key.",
    );
  }
  return session;
}

function partNumberOf(value: string | null): number {
  const part = Number(value);
  if (!/^\d{1,5}$/.test(value ?? "") || part < 1 || part > MAX_PARTS) {
    throw new S3Error(
      "InvalidArgument",
      `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`,
    );
  }
  return part;
}
