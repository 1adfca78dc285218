/**
 * Objects: PUT (streamed through the file system's own write path, checked against every
 * digest the client sent before it commits), GET with `Range` and conditions, HEAD,
 * DELETE (which also removes the directories it leaves empty, since S3 has no folders),
 * and CopyObject.
 */
import { parseRange } from "../../shared/fs/byte-range";
import type { FileStat } from "../../shared/fs/types";
import { S3Error } from "../../shared/s3/s3-errors";
import { copyObjectResultXml } from "../../shared/s3/s3-responses";
import { writeFile, writeManifest } from "../fs/file-writer";
import { readStream } from "../fs/read-stream";
import type { VolumeRef } from "../fs/volume-directory";
import { BodyDigests, checkContentMd5 } from "./body-digests";
import { bucketOp, bucketVolume, s3Call } from "./fs-problems";
import { attrsOfHeaders, objectEtag, objectHeaders } from "./object-headers";
import { pathOfKey } from "./object-keys";
import { etagListHas, readVerdict } from "./read-conditions";
import { bucketOf, keyOf, type S3Call } from "./s3-call";
import { xmlResponse } from "./xml-response";

/** PutObject. */
export async function putObject(call: S3Call): Promise<Response> {
  const { env, request } = call;
  const volume = await bucketVolume(env, bucketOf(call));
  const path = pathOfKey(keyOf(call));
  checkContentMd5(request.headers);
  const conditions = await writeConditions(call, volume, path);
  const digests = new BodyDigests(request.headers);
  let checksums = new Map<string, string>();
  const written = await s3Call(() =>
    writeFile(env, volume, path, digests.through(call.body.stream), {
      ...conditions,
      ...(call.body.length !== undefined && { expectedSize: call.body.length }),
      attrs: attrsOfHeaders(request.headers),
      verify: async (stored) => {
        if (call.body.signedSha256 !== null && call.body.signedSha256 !== stored.sha256) {
          throw new S3Error(
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
          );
        }
        const checked = await digests.check(await call.body.trailers, stored.sha256);
        checksums = checked.checksums;
        return { contentEtag: checked.md5Hex };
      },
    }),
  );
  const headers = new Headers({ etag: `"${objectEtag(written)}"` });
  for (const [name, value] of checksums) headers.set(name, value);
  return new Response(null, { status: 200, headers });
}

/** GetObject and HeadObject. */
export async function getObject(call: S3Call): Promise<Response> {
  const { env, request } = call;
  const volume = await bucketVolume(env, bucketOf(call));
  const file = await statObject(env, volume, keyOf(call));
  const headers = objectHeaders(file);
  if (readVerdict(request.headers, file) === "not-modified") {
    return new Response(null, { status: 304, headers });
  }
  const range = parseRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable") {
    throw new S3Error("InvalidRange", "The requested range is not satisfiable", {
      headers: { "content-range": `bytes */${file.size}` },
    });
  }
  const length = range === null ? file.size : range.end - range.start + 1;
  headers.set("content-length", String(length));
  if (range !== null)
    headers.set("content-range", `bytes ${range.start}-${range.end}/${file.size}`);
  const status = range === null ? 200 : 206;
  if (call.method === "HEAD") return new Response(null, { status, headers });
  return new Response(readStream(env, volume.ring, file.chunks, range), { status, headers });
}

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export async function deleteObject(call: S3Call): Promise<Response> {
  const volume = await bucketVolume(call.env, bucketOf(call));
  await deleteKey(call.env, volume, keyOf(call));
  return new Response(null, { status: 204 });
}

/** Deletes `key` and the directories its file leaves empty; a missing key is no error. */
export async function deleteKey(env: Env, volume: VolumeRef, key: string): Promise<void> {
  const path = pathOfKey(key);
  try {
    await bucketOp(env, volume, { kind: "delete", path, recursive: false, prune: true });
  } catch (error) {
    if (!(error instanceof S3Error) || error.code !== "NoSuchKey") throw error;
  }
}

/**
 * CopyObject. Within one ring the copy commits the source's chunks as they are (no byte
 * is read or stored again); across rings the bytes are streamed through the same write
 * path as a PUT. The metadata is the source's unless the directive is REPLACE.
 */
export async function copyObject(call: S3Call): Promise<Response> {
  const { env, request } = call;
  const source = copySource(request.headers.get("x-amz-copy-source") as string);
  const [from, to] = await Promise.all([
    bucketVolume(env, source.bucket),
    bucketVolume(env, bucketOf(call)),
  ]);
  const replace =
    (request.headers.get("x-amz-metadata-directive") ?? "COPY").toUpperCase() === "REPLACE";
  /** The source, checked against the copy-source conditions, and the attributes it gives. */
  const checkedSource = async () => {
    const file = await statObject(env, from, source.key);
    checkCopyConditions(request.headers, objectEtag(file));
    const { contentEtag: _etag, ...kept } = file.attrs ?? {};
    const attrs = replace ? attrsOfHeaders(request.headers) : kept;
    return { file, attrs: { ...attrs, contentEtag: objectEtag(file) } };
  };
  const path = pathOfKey(keyOf(call));
  const written = await s3Call(async () => {
    if (from.ring === to.ring) {
      return writeManifest(
        env,
        to,
        path,
        async () => {
          const { file, attrs } = await checkedSource();
          return { chunks: file.chunks, size: file.size, sha256: file.sha256, attrs };
        },
        {},
      );
    }
    const { file, attrs } = await checkedSource();
    const bytes = readStream(env, from.ring, file.chunks, null);
    return writeFile(env, to, path, bytes, { expectedSize: file.size, attrs });
  });
  return xmlResponse(
    copyObjectResultXml({ etag: `"${objectEtag(written)}"`, lastModified: written.mtime }),
  );
}

/** `x-amz-copy-source-if-match` and `-if-none-match` against the source's etag. */
function checkCopyConditions(headers: Headers, sourceEtag: string): void {
  const ifMatch = headers.get("x-amz-copy-source-if-match");
  const ifNoneMatch = headers.get("x-amz-copy-source-if-none-match");
  if (
    (ifMatch !== null && !etagListHas(ifMatch, sourceEtag)) ||
    (ifNoneMatch !== null && etagListHas(ifNoneMatch, sourceEtag))
  ) {
    throw new S3Error(
      "PreconditionFailed",
      "At least one of the pre-conditions you specified did not hold",
    );
  }
}

/** The file of `key`; `NoSuchKey` when there is none or it is a directory. */
export async function statObject(env: Env, volume: VolumeRef, key: string): Promise<FileStat> {
  const found = await bucketOp(env, volume, { kind: "stat", path: pathOfKey(key) });
  if (found.stat.type !== "file")
    throw new S3Error("NoSuchKey", "The specified key does not exist.");
  return found.stat;
}

/** The namespace preconditions of a PUT's `If-None-Match: *` and `If-Match: "etag"`. */
async function writeConditions(
  call: S3Call,
  volume: VolumeRef,
  path: string,
): Promise<{ ifNoneMatch?: "*"; ifMatch?: string }> {
  const ifNoneMatch = call.request.headers.get("if-none-match");
  const ifMatch = call.request.headers.get("if-match");
  if (ifNoneMatch !== null && ifNoneMatch.trim() !== "*") {
    throw new S3Error("NotImplemented", "A conditional write takes If-None-Match: * only");
  }
  if (ifMatch === null) return ifNoneMatch === null ? {} : { ifNoneMatch: "*" };
  const found = await bucketOp(call.env, volume, { kind: "stat", path }).catch((error) => {
    if (error instanceof S3Error && error.code === "NoSuchKey") return null;
    throw error;
  });
  if (
    found === null ||
    found.stat.type !== "file" ||
    !etagListHas(ifMatch, objectEtag(found.stat))
  ) {
    throw new S3Error(
      "PreconditionFailed",
      "At least one of the pre-conditions you specified did not hold",
    );
  }
  // The namespace checks its own etag of the version read, so a write in between fails too.
  return { ifMatch: found.stat.etag, ...(ifNoneMatch !== null && { ifNoneMatch: "*" }) };
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. */
export function copySource(header: string): { bucket: string; key: string } {
  const [path = ""] = header.split("?");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ""));
  } catch {
    throw new S3Error("InvalidArgument", "x-amz-copy-source is not URL-encoded UTF-8");
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new S3Error("InvalidArgument", "x-amz-copy-source must be bucket/key");
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}
