/**
 * The shapes AWS Signature Version 4 verification speaks in: the request it reads, the
 * verdict it gives, and — for a verified request — how the body is signed, which the
 * caller then holds the body to.
 */

/** What a request looks like to the verifier. */
export interface SigV4Request {
  method: string;
  /** The URL as the client sent it; its path is signed as it stands. */
  url: URL;
  headers: Headers;
}

/**
 * An HMAC-SHA256 key of WebCrypto: `CryptoKey`, named through `crypto.subtle` so that the
 * same code type-checks against Node's types and workerd's.
 */
export type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** What the per-chunk signatures of an aws-chunked body are checked with. */
export interface ChunkSigning {
  /** The HMAC key derived for the request's day and region (kSigning). */
  signingKey: HmacKey;
  /** The request's own signature: the first chunk's "previous signature". */
  seedSignature: string;
  /** The request time as signed, `yyyyMMddTHHmmssZ`. */
  amzDate: string;
  /** `yyyymmdd/region/s3/aws4_request`. */
  scope: string;
}

/** How the body of a verified request is signed. */
export type PayloadMode =
  /** `UNSIGNED-PAYLOAD` (the header form's, and every presigned URL's unless it signs one). */
  | { kind: "unsigned" }
  /** `x-amz-content-sha256` holds the body's SHA-256; the caller checks the body against it. */
  | { kind: "sha256"; hex: string }
  /**
   * An aws-chunked body: `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` (signed, no trailer),
   * `…-PAYLOAD-TRAILER` (signed, trailer), `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (unsigned,
   * trailer). `seed` is set exactly when `signed` is.
   */
  | { kind: "streaming"; signed: boolean; trailer: boolean; seed: ChunkSigning | null };

/** Why a request is refused, as S3 names it (every one is in S3's error catalogue). */
export type SigV4FailureCode =
  | "AccessDenied"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "RequestTimeTooSkewed"
  | "AuthorizationHeaderMalformed"
  | "AuthorizationQueryParametersError"
  | "InvalidArgument"
  | "InvalidRequest";

/** A verified request (who signed it, how its body is signed), or why it is refused. */
export type SigV4Verdict =
  | { ok: true; accessKey: string; payload: PayloadMode }
  | { ok: false; code: SigV4FailureCode; message: string };
