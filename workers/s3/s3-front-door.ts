/**
 * The S3 endpoint, path-style under `/s3/`: `/s3/` is the service, `/s3/{bucket}` a
 * bucket, `/s3/{bucket}/{key}` an object. Clients that cannot put a path before the
 * bucket (s3cmd) may send to the root instead: a request signed with AWS Signature
 * Version 4 is an S3 request wherever it is sent, since the JSON API's requests carry a
 * bearer token, never an AWS signature. It is a front door of its own beside the JSON
 * API: AWS Signature Version 4 instead of the bearer token (keys from `EDGEOS_S3_KEYS`),
 * S3's XML errors instead of problem+json, and the same request id and log line.
 * Anonymous requests are refused, except reads (GET, HEAD, listings) of the buckets named
 * in `EDGEOS_S3_PUBLIC_BUCKETS`.
 */
import { Hono } from "hono";
import { AwsChunkedError } from "../../shared/s3/aws-chunked";
import { S3Error, s3ErrorResponse } from "../../shared/s3/s3-errors";
import { parseS3Keys } from "../../shared/s3/s3-keys";
import { type PayloadMode, verifySigV4 } from "../../shared/s3/sigv4";
import { type RequestVariables, requestLog } from "../gateway/request-log";
import { requestMetrics } from "../gateway/request-metrics";
import { requestBody } from "./request-body";
import type { S3Call } from "./s3-call";
import { operationOf } from "./s3-router";

/** Where the S3 endpoint is mounted. */
export const S3_PREFIX = "/s3";

/** The prefix before the bucket (`/s3`, or none at the root), or null for a JSON API request. */
export function s3PrefixOf(request: Request, url: URL): string | null {
  if (url.pathname === S3_PREFIX || url.pathname.startsWith(`${S3_PREFIX}/`)) return S3_PREFIX;
  const signed =
    (request.headers.get("authorization") ?? "").startsWith("AWS4-HMAC-SHA256") ||
    url.searchParams.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256";
  return signed ? "" : null;
}

/** The S3 endpoint as an app of its own (mounted in front of the gateway). */
export function createS3App(): Hono<{ Bindings: Env; Variables: RequestVariables }> {
  const app = new Hono<{ Bindings: Env; Variables: RequestVariables }>();
  app.use("*", requestLog());
  app.use(
    "*",
    requestMetrics(() => "s3"),
  );
  app.all("*", (c) => serveS3(c.req.raw, c.env, c.get("requestId")));
  return app;
}

/** Answers one S3 request; every failure is S3's XML error. */
async function serveS3(request: Request, env: Env, requestId: string): Promise<Response> {
  const url = new URL(request.url);
  let resource = url.pathname;
  try {
    const { bucket, key } = targetOf(url.pathname.slice((s3PrefixOf(request, url) ?? "").length));
    resource = `/${bucket ?? ""}${key === null ? "" : `/${key}`}`;
    const payload = await authenticate(request, env, url, bucket, key);
    const call: S3Call = {
      env,
      request,
      method: request.method,
      bucket,
      key,
      query: url.searchParams,
      body: requestBody(request, payload),
    };
    const response = await operationOf(call)(call);
    response.headers.set("x-amz-request-id", requestId);
    return response;
  } catch (error) {
    return s3ErrorResponse(asS3Error(error, resource), requestId, request.method);
  }
}

/** The bucket and key a path (after the prefix) names, decoded; `null` for what it does not name. */
function targetOf(pathname: string): { bucket: string | null; key: string | null } {
  const rest = pathname.slice(1);
  if (rest === "") return { bucket: null, key: null };
  const slash = rest.indexOf("/");
  const rawBucket = slash === -1 ? rest : rest.slice(0, slash);
  const rawKey = slash === -1 ? "" : rest.slice(slash + 1);
  try {
    return {
      bucket: decodeURIComponent(rawBucket),
      key: rawKey === "" ? null : decodeURIComponent(rawKey),
    };
  } catch {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI.");
  }
}

/** The payload mode of a signed request, or of an anonymous read of a public bucket. */
async function authenticate(
  request: Request,
  env: Env,
  url: URL,
  bucket: string | null,
  key: string | null,
): Promise<PayloadMode> {
  const verdict = await verifySigV4(
    { method: request.method, url, headers: headersAsSent(request) },
    parseS3Keys(env.EDGEOS_S3_KEYS),
    Date.now(),
  );
  if (verdict.ok) return verdict.payload;
  const anonymous =
    !request.headers.has("authorization") && !url.searchParams.has("X-Amz-Signature");
  const read = request.method === "GET" || request.method === "HEAD";
  if (
    anonymous &&
    read &&
    bucket !== null &&
    publicBuckets(env).has(bucket) &&
    (key !== null || !url.searchParams.has("uploads"))
  ) {
    return { kind: "unsigned" };
  }
  throw new S3Error(verdict.code, verdict.message);
}

/**
 * The request's headers as the client sent (and signed) them. The Workers runtime
 * replaces an incoming `Accept-Encoding` with its own (`br, gzip`) and keeps the client's
 * value in `request.cf.clientAcceptEncoding`, so a client that signs the header — rclone
 * signs `Accept-Encoding: gzip` — would otherwise never match.
 */
function headersAsSent(request: Request): Headers {
  const sent = request.cf?.clientAcceptEncoding;
  if (typeof sent !== "string" || sent === request.headers.get("accept-encoding")) {
    return request.headers;
  }
  const headers = new Headers(request.headers);
  headers.set("accept-encoding", sent);
  return headers;
}

function publicBuckets(env: Env): Set<string> {
  return new Set(
    (env.EDGEOS_S3_PUBLIC_BUCKETS ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  );
}

function asS3Error(error: unknown, resource: string): S3Error {
  if (error instanceof S3Error) return error.withResource(resource);
  if (error instanceof AwsChunkedError)
    return new S3Error(error.code, error.message).withResource(resource);
  console.error(JSON.stringify({ msg: "s3 internal error", error: String(error) }));
  return new S3Error(
    "InternalError",
    "We encountered an internal error. Please try again.",
  ).withResource(resource);
}
