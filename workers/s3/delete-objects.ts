/**
 * DeleteObjects: up to `MAX_DELETE_KEYS` keys in one request (its `Content-MD5` or
 * checksum is checked like any body's), each deleted as DeleteObject deletes it; a key
 * that fails is reported in the answer and does not stop the others.
 */

import { S3Error } from "../../shared/s3/s3-errors";
import { parseDeleteObjects } from "../../shared/s3/s3-requests";
import { deleteResultXml } from "../../shared/s3/s3-responses";
import { MAX_XML_REQUEST_BYTES } from "../../shared/s3/xml-reader";
import { checkContentMd5 } from "./body-digests";
import { bucketVolume } from "./fs-problems";
import { deleteKey } from "./object-ops";
import { bodyText } from "./request-body";
import { bucketOf, type S3Call } from "./s3-call";
import { xmlResponse } from "./xml-response";

/** Keys deleted at once, within the platform's budget of simultaneous calls per request. */
const DELETE_PARALLELISM = 4;

/** DeleteObjects. */
export async function deleteObjects(call: S3Call): Promise<Response> {
  checkContentMd5(call.request.headers);
  const text = await bodyText(call.body, MAX_XML_REQUEST_BYTES);
  await checkBodyMd5(call.request.headers, text);
  const { quiet, keys } = parseDeleteObjects(text);
  const volume = await bucketVolume(call.env, bucketOf(call));
  const deleted: { key: string }[] = [];
  const errors: { key: string; code: string; message: string }[] = [];
  for (let at = 0; at < keys.length; at += DELETE_PARALLELISM) {
    const batch = keys.slice(at, at + DELETE_PARALLELISM);
    const outcomes = await Promise.allSettled(batch.map((key) => deleteKey(call.env, volume, key)));
    for (const [i, outcome] of outcomes.entries()) {
      const key = batch[i] as string;
      if (outcome.status === "fulfilled") deleted.push({ key });
      else {
        const error =
          outcome.reason instanceof S3Error
            ? outcome.reason
            : new S3Error("InternalError", "the delete failed");
        errors.push({ key, code: error.code, message: error.message });
      }
    }
  }
  return xmlResponse(deleteResultXml({ deleted: quiet ? [] : deleted, errors }));
}

/** Checks a small body against its `Content-MD5`. */
async function checkBodyMd5(headers: Headers, text: string): Promise<void> {
  const sent = headers.get("content-md5");
  if (sent === null) return;
  const digest = await crypto.subtle.digest("MD5", new TextEncoder().encode(text));
  if (btoa(String.fromCharCode(...new Uint8Array(digest))) !== sent.trim()) {
    throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.");
  }
}
