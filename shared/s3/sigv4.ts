/**
 * Verifies AWS Signature Version 4 on an S3 request, in both of its forms: the
 * `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header,
 * and a presigned URL (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
 * `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`). The canonical request is
 * S3's: the path exactly as sent (S3 does not normalise or double-encode it), the query
 * re-encoded and sorted, the signed headers trimmed with inner spaces folded, and the
 * payload's hash from `x-amz-content-sha256` — or `UNSIGNED-PAYLOAD` for presigned URLs.
 * Any region is accepted; the service must be `s3`; the request time must lie within
 * `MAX_CLOCK_SKEW_MS` of the server's. The verdict also says how the body is signed, so the
 * caller checks the body against it (a SHA-256, per-chunk signatures, or nothing).
 */
import { sameSignature, sha256Hex, signHex, signingKey } from "./sigv4-crypto";

/** How far a request's time may be from the server's (S3's bound). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Longest life of a presigned URL (S3's bound: seven days). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const ALGORITHM = "AWS4-HMAC-SHA256";
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What a request looks like to the verifier. */
export interface SigV4Request {
  method: string;
  url: URL;
  headers: Headers;
}

/** What the per-chunk signatures of an aws-chunked body are checked with. */
export interface ChunkSigning {
  signingKey: CryptoKey;
  /** The request's own signature: the first chunk's "previous signature". */
  seedSignature: string;
  amzDate: string;
  /** `yyyymmdd/region/s3/aws4_request`. */
  scope: string;
}

/** How the body of a verified request is signed. */
export type PayloadMode =
  | { kind: "unsigned" }
  | { kind: "sha256"; hex: string }
  | { kind: "streaming"; signed: boolean; trailer: boolean; seed: ChunkSigning | null };

/** Why a request is refused, as S3 names it. */
export type SigV4FailureCode =
  | "AccessDenied"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "RequestTimeTooSkewed"
  | "AuthorizationHeaderMalformed"
  | "AuthorizationQueryParametersError"
  | "InvalidRequest";

/** A verified request (who signed it, how its body is signed), or why it is refused. */
export type SigV4Verdict =
  | { ok: true; accessKey: string; payload: PayloadMode }
  | { ok: false; code: SigV4FailureCode; message: string };

/** The parts of a signature, from the header or the query. */
interface Claim {
  accessKey: string;
  day: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  presigned: { expires: number } | null;
}

/** Verifies `request` against `keys` (access key → secret) at server time `nowMs`. */
export async function verifySigV4(
  request: SigV4Request,
  keys: ReadonlyMap<string, string>,
  nowMs: number,
): Promise<SigV4Verdict> {
  const claim = claimOf(request);
  if ("code" in claim) return { ok: false, ...claim };
  const secret = keys.get(claim.accessKey);
  if (secret === undefined) {
    return fail(
      "InvalidAccessKeyId",
      "The AWS access key ID you provided does not exist in our records.",
    );
  }
  const signedAt = parseAmzDate(claim.amzDate);
  if (signedAt === null)
    return fail(
      claim.presigned ? "AuthorizationQueryParametersError" : "AccessDenied",
      "X-Amz-Date must be yyyyMMddTHHmmssZ",
    );
  if (claim.amzDate.slice(0, 8) !== claim.day) {
    return fail(
      claim.presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
      `the credential's date ${claim.day} is not the request's ${claim.amzDate.slice(0, 8)}`,
    );
  }
  if (claim.presigned) {
    if (signedAt - nowMs > MAX_CLOCK_SKEW_MS)
      return fail("AccessDenied", "Request is not valid yet");
    if (nowMs > signedAt + claim.presigned.expires * 1000)
      return fail("AccessDenied", "Request has expired");
  } else if (Math.abs(nowMs - signedAt) > MAX_CLOCK_SKEW_MS) {
    return fail(
      "RequestTimeTooSkewed",
      "The difference between the request time and the server's time is too large.",
    );
  }
  const payload = payloadHashOf(request, claim);
  if (typeof payload !== "string") return payload;
  if (!claim.signedHeaders.includes("host")) {
    return fail(
      claim.presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
      "the host header must be signed",
    );
  }
  const scope = `${claim.day}/${claim.region}/${claim.service}/aws4_request`;
  const canonical = canonicalRequest(request, claim, payload);
  const stringToSign = [ALGORITHM, claim.amzDate, scope, await sha256Hex(canonical)].join("\n");
  const key = await signingKey(secret, claim.day, claim.region, claim.service);
  const expected = await signHex(key, stringToSign);
  if (!sameSignature(expected, claim.signature)) {
    return fail(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
  }
  const seed = { signingKey: key, seedSignature: expected, amzDate: claim.amzDate, scope };
  return { ok: true, accessKey: claim.accessKey, payload: payloadMode(payload, seed) };
}

/** The claim of the Authorization header or the presigned query; a failure when malformed. */
function claimOf(request: SigV4Request): Claim | { code: SigV4FailureCode; message: string } {
  const header = request.headers.get("authorization");
  const query = request.url.searchParams;
  if (header !== null) {
    if (!header.startsWith(`${ALGORITHM} `)) {
      return { code: "InvalidRequest", message: `only ${ALGORITHM} signatures are accepted` };
    }
    const fields = new Map<string, string>();
    for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
      const eq = part.indexOf("=");
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const amzDate = request.headers.get("x-amz-date") ?? "";
    return claimFrom(
      fields.get("Credential"),
      fields.get("SignedHeaders"),
      fields.get("Signature"),
      amzDate,
      null,
      "AuthorizationHeaderMalformed",
    );
  }
  if (
    query.has("X-Amz-Signature") ||
    query.has("X-Amz-Algorithm") ||
    query.has("X-Amz-Credential")
  ) {
    if (query.get("X-Amz-Algorithm") !== ALGORITHM) {
      return {
        code: "AuthorizationQueryParametersError",
        message: `X-Amz-Algorithm must be ${ALGORITHM}`,
      };
    }
    const expires = query.get("X-Amz-Expires") ?? "";
    if (
      !/^\d{1,6}$/.test(expires) ||
      Number(expires) < 1 ||
      Number(expires) > MAX_PRESIGNED_EXPIRES_SECONDS
    ) {
      return {
        code: "AuthorizationQueryParametersError",
        message: `X-Amz-Expires must be from 1 to ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`,
      };
    }
    return claimFrom(
      query.get("X-Amz-Credential") ?? undefined,
      query.get("X-Amz-SignedHeaders") ?? undefined,
      query.get("X-Amz-Signature") ?? undefined,
      query.get("X-Amz-Date") ?? "",
      { expires: Number(expires) },
      "AuthorizationQueryParametersError",
    );
  }
  return {
    code: "AccessDenied",
    message: "Anonymous access is refused: sign the request with AWS Signature Version 4",
  };
}

function claimFrom(
  credential: string | undefined,
  signedHeaders: string | undefined,
  signature: string | undefined,
  amzDate: string,
  presigned: Claim["presigned"],
  malformed: SigV4FailureCode,
): Claim | { code: SigV4FailureCode; message: string } {
  const parts = credential?.split("/") ?? [];
  if (parts.length !== 5 || parts[4] !== "aws4_request" || !/^\d{8}$/.test(parts[1] ?? "")) {
    return {
      code: malformed,
      message: "the Credential must be ACCESS_KEY/yyyymmdd/region/s3/aws4_request",
    };
  }
  const [accessKey, day, region, service] = parts as [string, string, string, string];
  if (service !== "s3")
    return { code: malformed, message: `the credential's service must be s3, not ${service}` };
  if (!signedHeaders || !signature || !/^[0-9a-f]{64}$/.test(signature)) {
    return { code: malformed, message: "SignedHeaders and a 64-hex Signature are required" };
  }
  return {
    accessKey,
    day,
    region,
    service,
    signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature,
    amzDate,
    presigned,
  };
}

/** `yyyyMMddTHHmmssZ` as milliseconds; null when malformed. */
function parseAmzDate(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  return Number.isNaN(ms) ? null : ms;
}

/** The payload hash the signature covers, as the canonical request's last line. */
function payloadHashOf(
  request: SigV4Request,
  claim: Claim,
): string | { ok: false; code: SigV4FailureCode; message: string } {
  const header = request.headers.get("x-amz-content-sha256");
  if (claim.presigned) return header ?? "UNSIGNED-PAYLOAD";
  if (header === null) {
    return fail("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
  }
  if (header === "UNSIGNED-PAYLOAD" || SHA256_HEX.test(header) || STREAMING.has(header))
    return header;
  return fail(
    "InvalidRequest",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a SHA-256 or a STREAMING-* value",
  );
}

/** The streaming payload values, and whether each is chunk-signed and has a trailer. */
const STREAMING = new Map([
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", { signed: true, trailer: false }],
  ["STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", { signed: true, trailer: true }],
  ["STREAMING-UNSIGNED-PAYLOAD-TRAILER", { signed: false, trailer: true }],
]);

function payloadMode(hash: string, seed: ChunkSigning): PayloadMode {
  if (hash === "UNSIGNED-PAYLOAD") return { kind: "unsigned" };
  const streaming = STREAMING.get(hash);
  if (streaming) return { kind: "streaming", ...streaming, seed: streaming.signed ? seed : null };
  return { kind: "sha256", hex: hash };
}

/** S3's canonical request of `request`. */
function canonicalRequest(request: SigV4Request, claim: Claim, payloadHash: string): string {
  const headers = claim.signedHeaders
    .map((name) => `${name}:${headerValue(request.headers, name)}\n`)
    .join("");
  return [
    request.method.toUpperCase(),
    request.url.pathname || "/",
    canonicalQuery(request.url, claim.presigned !== null),
    headers,
    claim.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

function headerValue(headers: Headers, name: string): string {
  return (headers.get(name) ?? "").trim().replace(/ {2,}/g, " ");
}

/** The query as SigV4 canonicalises it: each name and value URI-encoded, sorted. */
function canonicalQuery(url: URL, presigned: boolean): string {
  const raw = url.search.slice(1);
  if (raw === "") return "";
  const pairs: [string, string][] = [];
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = uriEncode(decodeComponent(eq === -1 ? part : part.slice(0, eq)));
    const value = eq === -1 ? "" : uriEncode(decodeComponent(part.slice(eq + 1)));
    if (presigned && name === "X-Amz-Signature") continue;
    pairs.push([name, value]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** SigV4's URI encoding: everything but `A-Z a-z 0-9 - _ . ~` as uppercase `%XX`. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function fail(
  code: SigV4FailureCode,
  message: string,
): { ok: false; code: SigV4FailureCode; message: string } {
  return { ok: false, code, message };
}
