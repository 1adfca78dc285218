/**
 * S3's XML answers, shaped as the S3 API reference documents them and as botocore's
 * parser reads them (the unit tests parse them with botocore): ListBuckets, the two
 * listings, the multipart answers, copy results and DeleteObjects' result, each declaring
 * S3's namespace. Times are given in milliseconds and written in S3's ISO form; ETags
 * arrive already quoted. With `encodingType: "url"`, the elements the API reference names
 * for each operation are URL-encoded as `s3UrlEncode` says (V2: Key, Prefix, Delimiter,
 * StartAfter and CommonPrefixes' Prefix; V1: Key, Prefix, Delimiter, Marker, NextMarker and
 * CommonPrefixes' Prefix; ListMultipartUploads: Key, Prefix, Delimiter, KeyMarker,
 * NextKeyMarker and CommonPrefixes' Prefix). Continuation tokens are URL-safe already.
 */
import { s3UrlEncode } from "./list-order";
import { s3IsoDate } from "./s3-dates";
import { el, S3_XMLNS, type XmlElement, xmlDocument } from "./xml-writer";

/** Most keys and common prefixes one listing page answers (S3's bound). */
export const MAX_KEYS_PER_LIST = 1000;

/** Highest part number of a multipart upload (S3's bound). */
export const MAX_PARTS = 10_000;

/** The owner of every bucket and upload. */
export interface Owner {
  id: string;
  displayName: string;
}

/** One object in a listing. */
export interface ObjectEntry {
  key: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
  /** Quoted. */
  etag: string;
  size: number;
  storageClass?: "STANDARD";
}

const doc = (root: XmlElement) => xmlDocument(root, S3_XMLNS);
const optional = (name: string, value: string | number | undefined) =>
  value === undefined ? null : el(name, value);

function owner(tag: string, who: Owner): XmlElement {
  return el(tag, [el("ID", who.id), el("DisplayName", who.displayName)]);
}

/** ListAllMyBucketsResult. */
export function listBucketsXml(input: {
  owner: Owner;
  buckets: { name: string; createdAt: number }[];
}): string {
  return doc(
    el("ListAllMyBucketsResult", [
      owner("Owner", input.owner),
      el(
        "Buckets",
        input.buckets.map((b) =>
          el("Bucket", [el("Name", b.name), el("CreationDate", s3IsoDate(b.createdAt))]),
        ),
      ),
    ]),
  );
}

/** What both listings share. */
export interface ListingBase {
  /** The bucket. */
  name: string;
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  isTruncated: boolean;
  encodingType?: "url";
  contents: ObjectEntry[];
  /** Each ends with the delimiter. */
  commonPrefixes: string[];
  /**
   * Written as every object's `Owner` when given: S3 does so in V1 always and in V2 only
   * with `fetch-owner=true`.
   */
  owner?: Owner;
}

function listingParts(input: ListingBase, encode: (text: string) => string) {
  return {
    contents: input.contents.map((o) =>
      el("Contents", [
        el("Key", encode(o.key)),
        el("LastModified", s3IsoDate(o.lastModified)),
        el("ETag", o.etag),
        el("Size", o.size),
        input.owner === undefined ? null : owner("Owner", input.owner),
        el("StorageClass", o.storageClass ?? "STANDARD"),
      ]),
    ),
    prefixes: input.commonPrefixes.map((p) => el("CommonPrefixes", [el("Prefix", encode(p))])),
  };
}

/** How `input` writes keys and prefixes: URL-encoded under `encoding-type=url`, else as is. */
function encoderOf(input: { encodingType?: "url" }): <T extends string | undefined>(text: T) => T {
  return input.encodingType === "url"
    ? <T extends string | undefined>(text: T) =>
        (text === undefined ? text : s3UrlEncode(text)) as T
    : (text) => text;
}

/**
 * ListBucketResult of ListObjectsV2. `continuationToken` echoes the request's;
 * `nextContinuationToken` is given exactly when the page is truncated.
 */
export function listObjectsV2Xml(
  input: ListingBase & {
    keyCount: number;
    continuationToken?: string;
    nextContinuationToken?: string;
    startAfter?: string;
  },
): string {
  const encode = encoderOf(input);
  const { contents, prefixes } = listingParts(input, encode);
  return doc(
    el("ListBucketResult", [
      el("Name", input.name),
      el("Prefix", encode(input.prefix)),
      optional("Delimiter", encode(input.delimiter)),
      el("MaxKeys", input.maxKeys),
      optional("EncodingType", input.encodingType),
      el("KeyCount", input.keyCount),
      el("IsTruncated", input.isTruncated),
      optional("ContinuationToken", input.continuationToken),
      optional("NextContinuationToken", input.nextContinuationToken),
      optional("StartAfter", encode(input.startAfter)),
      ...contents,
      ...prefixes,
    ]),
  );
}

/**
 * ListBucketResult of ListObjects (V1). `marker` echoes the request's ("" when none);
 * `nextMarker` is S3's only with a delimiter on a truncated page (without one, clients
 * continue after the last key).
 */
export function listObjectsV1Xml(
  input: ListingBase & { marker: string; nextMarker?: string },
): string {
  const encode = encoderOf(input);
  const { contents, prefixes } = listingParts(input, encode);
  return doc(
    el("ListBucketResult", [
      el("Name", input.name),
      el("Prefix", encode(input.prefix)),
      el("Marker", encode(input.marker)),
      optional("NextMarker", encode(input.nextMarker)),
      el("MaxKeys", input.maxKeys),
      optional("Delimiter", encode(input.delimiter)),
      optional("EncodingType", input.encodingType),
      el("IsTruncated", input.isTruncated),
      ...contents,
      ...prefixes,
    ]),
  );
}

/** InitiateMultipartUploadResult. */
export function initiateMultipartXml(input: {
  bucket: string;
  key: string;
  uploadId: string;
}): string {
  return doc(
    el("InitiateMultipartUploadResult", [
      el("Bucket", input.bucket),
      el("Key", input.key),
      el("UploadId", input.uploadId),
    ]),
  );
}

/** CompleteMultipartUploadResult. */
export function completeMultipartXml(input: {
  location: string;
  bucket: string;
  key: string;
  etag: string;
}): string {
  return doc(
    el("CompleteMultipartUploadResult", [
      el("Location", input.location),
      el("Bucket", input.bucket),
      el("Key", input.key),
      el("ETag", input.etag),
    ]),
  );
}

/** ListPartsResult. */
export function listPartsXml(input: {
  bucket: string;
  key: string;
  uploadId: string;
  partNumberMarker: number;
  nextPartNumberMarker: number;
  maxParts: number;
  isTruncated: boolean;
  owner: Owner;
  parts: { partNumber: number; lastModified: number; etag: string; size: number }[];
}): string {
  return doc(
    el("ListPartsResult", [
      el("Bucket", input.bucket),
      el("Key", input.key),
      el("UploadId", input.uploadId),
      owner("Initiator", input.owner),
      owner("Owner", input.owner),
      el("StorageClass", "STANDARD"),
      el("PartNumberMarker", input.partNumberMarker),
      el("NextPartNumberMarker", input.nextPartNumberMarker),
      el("MaxParts", input.maxParts),
      el("IsTruncated", input.isTruncated),
      ...input.parts.map((p) =>
        el("Part", [
          el("PartNumber", p.partNumber),
          el("LastModified", s3IsoDate(p.lastModified)),
          el("ETag", p.etag),
          el("Size", p.size),
        ]),
      ),
    ]),
  );
}

/**
 * ListMultipartUploadsResult: uploads by key, then by initiation; `commonPrefixes` (each
 * ending with the delimiter) only with a delimiter.
 */
export function listMultipartUploadsXml(input: {
  bucket: string;
  keyMarker: string;
  uploadIdMarker: string;
  nextKeyMarker: string;
  nextUploadIdMarker: string;
  prefix?: string;
  delimiter?: string;
  maxUploads: number;
  isTruncated: boolean;
  encodingType?: "url";
  owner: Owner;
  uploads: { key: string; uploadId: string; initiated: number }[];
  commonPrefixes?: string[];
}): string {
  const encode = encoderOf(input);
  return doc(
    el("ListMultipartUploadsResult", [
      el("Bucket", input.bucket),
      el("KeyMarker", encode(input.keyMarker)),
      el("UploadIdMarker", input.uploadIdMarker),
      el("NextKeyMarker", encode(input.nextKeyMarker)),
      el("NextUploadIdMarker", input.nextUploadIdMarker),
      optional("Prefix", encode(input.prefix)),
      optional("Delimiter", encode(input.delimiter)),
      el("MaxUploads", input.maxUploads),
      optional("EncodingType", input.encodingType),
      el("IsTruncated", input.isTruncated),
      ...input.uploads.map((u) =>
        el("Upload", [
          el("Key", encode(u.key)),
          el("UploadId", u.uploadId),
          owner("Initiator", input.owner),
          owner("Owner", input.owner),
          el("StorageClass", "STANDARD"),
          el("Initiated", s3IsoDate(u.initiated)),
        ]),
      ),
      ...(input.commonPrefixes ?? []).map((p) => el("CommonPrefixes", [el("Prefix", encode(p))])),
    ]),
  );
}

/** CopyObjectResult. */
export function copyObjectResultXml(input: { etag: string; lastModified: number }): string {
  return doc(
    el("CopyObjectResult", [
      el("LastModified", s3IsoDate(input.lastModified)),
      el("ETag", input.etag),
    ]),
  );
}

/** CopyPartResult. */
export function copyPartResultXml(input: { etag: string; lastModified: number }): string {
  return doc(
    el("CopyPartResult", [
      el("LastModified", s3IsoDate(input.lastModified)),
      el("ETag", input.etag),
    ]),
  );
}

/**
 * DeleteResult: a `Deleted` per key deleted (S3 also counts a key that was not there) and
 * an `Error` per key that failed. A quiet delete passes `deleted: []`, so only errors are
 * written, as S3 answers.
 */
export function deleteResultXml(input: {
  deleted: { key: string }[];
  errors: { key: string; code: string; message: string }[];
}): string {
  return doc(
    el("DeleteResult", [
      ...input.deleted.map((d) => el("Deleted", [el("Key", d.key)])),
      ...input.errors.map((e) =>
        el("Error", [el("Key", e.key), el("Code", e.code), el("Message", e.message)]),
      ),
    ]),
  );
}

/** VersioningConfiguration of a bucket whose versioning was never enabled (empty, as S3 answers). */
export function unversionedXml(): string {
  return doc(el("VersioningConfiguration", []));
}

/** LocationConstraint: empty for us-east-1, as S3 answers. */
export function locationXml(region: string): string {
  return doc(el("LocationConstraint", region === "us-east-1" ? "" : region));
}
