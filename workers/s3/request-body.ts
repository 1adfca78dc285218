/**
 * An S3 request's body as its handler reads it, whatever way the client signed it: the
 * raw bytes (signed by their SHA-256 in `x-amz-content-sha256`, or `UNSIGNED-PAYLOAD`), or
 * an `aws-chunked` body decoded — each chunk's signature checked before its bytes pass on
 * — with the trailing checksum headers the client sent after the last chunk.
 */
import { chunkDigest } from "../../shared/dht/chunk-key";
import { decodeAwsChunked } from "../../shared/s3/aws-chunked";
import { S3Error } from "../../shared/s3/s3-errors";
import type { PayloadMode } from "../../shared/s3/sigv4";

/** A decoded body. */
export interface RequestBody {
  stream: ReadableStream<Uint8Array>;
  /** The decoded length the client announced, when it did. */
  length: number | undefined;
  /** The trailing headers (none without a trailer). */
  trailers: Promise<Map<string, string>>;
  /** The SHA-256 hex the signature covers; null when the payload is unsigned or chunk-signed. */
  signedSha256: string | null;
}

/** The decoded body of `request`, signed as `payload` says. */
export function requestBody(request: Request, payload: PayloadMode): RequestBody {
  const raw = request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  if (payload.kind !== "streaming") {
    return {
      stream: raw,
      length: lengthHeader(request, "content-length"),
      trailers: Promise.resolve(new Map()),
      signedSha256: payload.kind === "sha256" ? payload.hex : null,
    };
  }
  const length = lengthHeader(request, "x-amz-decoded-content-length");
  const decoded = decodeAwsChunked(raw, {
    signing: payload.seed,
    trailer: payload.trailer,
    decodedLength: length ?? null,
  });
  return { stream: decoded.stream, length, trailers: decoded.trailers, signedSha256: null };
}

/** The whole body as text, for the small XML bodies of bucket and multipart calls. */
export async function bodyText(body: RequestBody, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of body.stream) {
    size += part.byteLength;
    if (size > maxBytes)
      throw new S3Error("MaxMessageLengthExceeded", `the body exceeds ${maxBytes} bytes`);
    parts.push(part);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  if (body.signedSha256 !== null && (await chunkDigest(bytes)) !== body.signedSha256) {
    throw new S3Error("XAmzContentSHA256Mismatch", "the body's SHA-256 is not the signed one");
  }
  return new TextDecoder().decode(bytes);
}

/** A length header as a non-negative integer; `MissingContentLength`-free: absent is undefined. */
function lengthHeader(request: Request, name: string): number | undefined {
  const value = request.headers.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,15}$/.test(value.trim()))
    throw new S3Error("InvalidArgument", `${name} must be a byte count`);
  return Number(value.trim());
}
