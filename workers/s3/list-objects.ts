/**
 * ListObjectsV2 and ListObjects (V1) over the namespace's key scan: keys in UTF-8 byte
 * order, folded into common prefixes at the delimiter, a page at most `MAX_KEYS_PER_LIST`
 * keys and prefixes together; V2 continues from an opaque token or `start-after`, V1 from
 * `marker`.
 */
import type { ScanEntry } from "../../shared/fs/types";
import { decodeContinuationToken, encodeContinuationToken } from "../../shared/s3/list-order";
import { S3Error } from "../../shared/s3/s3-errors";
import {
  listObjectsV1Xml,
  listObjectsV2Xml,
  MAX_KEYS_PER_LIST,
  type ObjectEntry,
} from "../../shared/s3/s3-responses";
import { bucketOp, bucketVolume } from "./fs-problems";
import { bucketOf, type S3Call } from "./s3-call";
import { xmlResponse } from "./xml-response";

/** ListObjectsV2. */
export async function listObjectsV2(call: S3Call): Promise<Response> {
  const q = call.query;
  const token = q.get("continuation-token");
  const startAfter = q.get("start-after");
  const after = token !== null ? decodeContinuationToken(token) : (startAfter ?? undefined);
  const page = await scanPage(call, after);
  return xmlResponse(
    listObjectsV2Xml({
      name: bucketOf(call),
      prefix: page.prefix,
      ...(page.delimiter !== undefined && { delimiter: page.delimiter }),
      maxKeys: page.maxKeys,
      keyCount: page.contents.length + page.commonPrefixes.length,
      isTruncated: page.truncated,
      ...(token !== null && { continuationToken: token }),
      ...(page.truncated &&
        page.last !== null && { nextContinuationToken: encodeContinuationToken(page.last) }),
      ...(startAfter !== null && { startAfter }),
      ...encoding(call),
      contents: page.contents,
      commonPrefixes: page.commonPrefixes,
    }),
  );
}

/** ListObjects (V1). */
export async function listObjectsV1(call: S3Call): Promise<Response> {
  const marker = call.query.get("marker") ?? "";
  const page = await scanPage(call, marker === "" ? undefined : marker);
  return xmlResponse(
    listObjectsV1Xml({
      name: bucketOf(call),
      prefix: page.prefix,
      marker,
      ...(page.delimiter !== undefined && { delimiter: page.delimiter }),
      maxKeys: page.maxKeys,
      isTruncated: page.truncated,
      ...(page.truncated &&
        page.delimiter !== undefined &&
        page.last !== null && { nextMarker: page.last }),
      ...encoding(call),
      contents: page.contents,
      commonPrefixes: page.commonPrefixes,
    }),
  );
}

/** One page of the bucket's keys after `after`, as the query asks. */
async function scanPage(call: S3Call, after: string | undefined) {
  const q = call.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const maxKeys = maxKeysOf(q.get("max-keys"));
  const volume = await bucketVolume(call.env, bucketOf(call));
  if (maxKeys === 0) {
    return {
      prefix,
      delimiter,
      maxKeys,
      contents: [],
      commonPrefixes: [],
      truncated: false,
      last: null,
    };
  }
  const scan = await bucketOp(call.env, volume, {
    kind: "scan",
    prefix,
    limit: maxKeys,
    ...(delimiter !== undefined && { delimiter }),
    ...(after !== undefined && { after }),
  });
  return {
    prefix,
    delimiter,
    maxKeys,
    contents: scan.entries.map(objectEntry),
    commonPrefixes: scan.prefixes,
    truncated: scan.truncated,
    last: scan.last,
  };
}

function objectEntry(entry: ScanEntry): ObjectEntry {
  return {
    key: entry.key,
    lastModified: entry.mtime,
    etag: `"${entry.contentEtag ?? entry.etag}"`,
    size: entry.size,
    storageClass: "STANDARD",
  };
}

function maxKeysOf(value: string | null): number {
  if (value === null) return MAX_KEYS_PER_LIST;
  if (!/^\d{1,9}$/.test(value))
    throw new S3Error("InvalidArgument", "max-keys must be a non-negative integer");
  return Math.min(Number(value), MAX_KEYS_PER_LIST);
}

function encoding(call: S3Call): { encodingType?: "url" } {
  const type = call.query.get("encoding-type");
  if (type === null) return {};
  if (type !== "url") throw new S3Error("InvalidArgument", "encoding-type must be url");
  return { encodingType: "url" };
}
