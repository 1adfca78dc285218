/** One S3 request as the handlers see it, after authentication. */
import type { RequestBody } from "./request-body";

/** A request addressed to the service, a bucket or an object, its body decoded. */
export interface S3Call {
  env: Env;
  request: Request;
  method: string;
  /** The bucket named in the path; null for the service (ListBuckets). */
  bucket: string | null;
  /** The object key (decoded); null when the path names no object. */
  key: string | null;
  query: URLSearchParams;
  body: RequestBody;
}

/** `call`'s bucket; only routed to handlers of bucket or object requests. */
export function bucketOf(call: S3Call): string {
  return call.bucket as string;
}

/** `call`'s key; only routed to handlers of object requests. */
export function keyOf(call: S3Call): string {
  return call.key as string;
}
