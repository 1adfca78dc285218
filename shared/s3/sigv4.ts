/**
 * Verifies AWS Signature Version 4 on an S3 request, in both of its forms: the
 * `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header,
 * and a presigned URL (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
 * `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`). Any region is accepted;
 * the service must be `s3`; `host` and every `x-amz-*` header sent must be signed; the
 * header form's time must lie within `MAX_CLOCK_SKEW_MS` of the server's, a presigned
 * URL must not have expired. The verdict says how the body is signed, so the caller
 * holds the body to it (a SHA-256, per-chunk signatures, or nothing).
 */
import { canonicalPaths, canonicalQuery, canonicalRequest } from "./sigv4-canonical";
import {
  claimOf,
  failure,
  msOfAmzDate,
  PRESIGNED_SIGNATURE_PARAM,
  SIGV4_ALGORITHM,
  type SigV4Claim,
  type SigV4Failure,
} from "./sigv4-claim";
import { sameSignature, sha256Hex, signHex, signingKey } from "./sigv4-crypto";
import type { ChunkSigning, PayloadMode, SigV4Request, SigV4Verdict } from "./sigv4-types";

export { MAX_PRESIGNED_EXPIRES_SECONDS } from "./sigv4-claim";
export type {
  ChunkSigning,
  PayloadMode,
  SigV4FailureCode,
  SigV4Request,
  SigV4Verdict,
} from "./sigv4-types";

/** How far a request's time may be from the server's (S3's bound). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** The streaming payload values, and whether each is chunk-signed and has a trailer. */
const STREAMING = new Map([
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", { signed: true, trailer: false }],
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", { signed: true, trailer: true }],
  ["STREAMING-UNSIGNED-PAYLOAD-TRAILER", { signed: false, trailer: true }],
]);

/**
 * Verifies `request` against `keys` (access key → secret) at server time `nowMs`. A
 * request with neither an `Authorization` header nor presigned parameters is refused as
 * `AccessDenied` ("Anonymous access is refused"); whether it may pass anyway (a public
 * bucket) is the caller's call.
 */
export async function verifySigV4(
  request: SigV4Request,
  keys: ReadonlyMap<string, string>,
  nowMs: number,
): Promise<SigV4Verdict> {
  const claim = claimOf(request.url, request.headers);
  if (!("accessKey" in claim)) return claim;
  const secret = keys.get(claim.accessKey);
  if (secret === undefined) {
    return failure(
      "InvalidAccessKeyId",
      "The AWS access key ID you provided does not exist in our records.",
    );
  }
  const refused = timeRefusal(claim, nowMs) ?? headersRefusal(request.headers, claim);
  if (refused) return refused;
  const payloadHash = payloadHashOf(request.headers, claim);
  if (typeof payloadHash !== "string") return payloadHash;

  const scope = `${claim.day}/${claim.region}/s3/aws4_request`;
  const key = await signingKey(secret, claim.day, claim.region, "s3");
  const query = canonicalQuery(
    request.url,
    claim.expires === null ? null : PRESIGNED_SIGNATURE_PARAM,
  );
  for (const path of canonicalPaths(request.url)) {
    const canonical = canonicalRequest({
      method: request.method,
      path,
      query,
      headers: request.headers,
      signedHeaders: claim.signedHeaders,
      payloadHash,
    });
    const stringToSign = [SIGV4_ALGORITHM, claim.amzDate, scope, await sha256Hex(canonical)];
    const expected = await signHex(key, stringToSign.join("\n"));
    if (sameSignature(expected, claim.signature)) {
      const seed = { signingKey: key, seedSignature: expected, amzDate: claim.amzDate, scope };
      return { ok: true, accessKey: claim.accessKey, payload: payloadMode(payloadHash, seed) };
    }
  }
  return failure(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  );
}

/** Why the claim's time is refused at `nowMs`; null when it is acceptable. */
function timeRefusal(claim: SigV4Claim, nowMs: number): SigV4Failure | null {
  const presigned = claim.expires !== null;
  const signedAt = msOfAmzDate(claim.amzDate);
  if (signedAt === null) {
    return presigned
      ? failure(
          "AuthorizationQueryParametersError",
          "X-Amz-Date must be in the ISO8601 Long Format yyyyMMdd'T'HHmmss'Z'",
        )
      : failure("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  }
  if (claim.amzDate.slice(0, 8) !== claim.day) {
    return failure(
      presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
      `the credential's date ${claim.day} is not the request's ${claim.amzDate.slice(0, 8)}`,
    );
  }
  if (claim.expires !== null) {
    if (signedAt - nowMs > MAX_CLOCK_SKEW_MS)
      return failure("AccessDenied", "Request is not valid yet");
    if (nowMs > signedAt + claim.expires * 1000)
      return failure("AccessDenied", "Request has expired");
    return null;
  }
  if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS) {
    return failure(
      "RequestTimeTooSkewed",
      "The difference between the request time and the current time is too large.",
    );
  }
  return null;
}

/** Why the signed headers are refused: `host` unsigned, or an `x-amz-*` header sent unsigned. */
function headersRefusal(headers: Headers, claim: SigV4Claim): SigV4Failure | null {
  if (!claim.signedHeaders.includes("host")) {
    return failure(
      claim.expires === null ? "AuthorizationHeaderMalformed" : "AuthorizationQueryParametersError",
      "the host header must be signed",
    );
  }
  const unsigned: string[] = [];
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (lower.startsWith("x-amz-") && !claim.signedHeaders.includes(lower)) unsigned.push(lower);
  }
  if (unsigned.length === 0) return null;
  return failure(
    "AccessDenied",
    `There were headers present in the request which were not signed: ${unsigned.join(", ")}`,
  );
}

/**
 * The payload hash the signature covers: `x-amz-content-sha256` (required in the header
 * form; in a presigned URL, which signs no payload, `UNSIGNED-PAYLOAD` unless it signs one).
 */
function payloadHashOf(headers: Headers, claim: SigV4Claim): string | SigV4Failure {
  const sent = headers.get("x-amz-content-sha256");
  if (sent === null) {
    if (claim.expires !== null) return UNSIGNED_PAYLOAD;
    return failure(
      "InvalidRequest",
      "Missing required header for this request: x-amz-content-sha256",
    );
  }
  if (sent === UNSIGNED_PAYLOAD || SHA256_HEX.test(sent) || STREAMING.has(sent)) return sent;
  return failure(
    "InvalidRequest",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a SHA-256 in hex or a STREAMING-* value",
  );
}

function payloadMode(hash: string, seed: ChunkSigning): PayloadMode {
  if (hash === UNSIGNED_PAYLOAD) return { kind: "unsigned" };
  const streaming = STREAMING.get(hash);
  if (streaming) return { kind: "streaming", ...streaming, seed: streaming.signed ? seed : null };
  return { kind: "sha256", hex: hash };
}
