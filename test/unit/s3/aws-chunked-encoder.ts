/**
 * A test-side aws-chunked encoder, written from the AWS documentation of the format and
 * with node:crypto (not with the code under test), and the stream helpers the decoder's
 * tests feed it through.
 */
import { createHash, createHmac } from "node:crypto";
import type { ChunkSigning } from "../../../shared/s3/sigv4";

const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

/** The raw signing key (kSigning) of a secret for a day and region, and its scope. */
export async function testSigning(
  secret: string,
  amzDate: string,
  region: string,
  seedSignature: string,
): Promise<{ raw: Buffer; signing: ChunkSigning }> {
  let raw = Buffer.from(`AWS4${secret}`);
  for (const part of [amzDate.slice(0, 8), region, "s3", "aws4_request"]) {
    raw = createHmac("sha256", raw).update(part).digest();
  }
  const signingKey = await crypto.subtle.importKey(
    "raw",
    raw,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const scope = `${amzDate.slice(0, 8)}/${region}/s3/aws4_request`;
  return { raw, signing: { signingKey, seedSignature, amzDate, scope } };
}

/** How to encode. */
export interface EncodeOptions {
  chunkSize: number;
  /** Signs each chunk (and the trailer) when given. */
  signed: { raw: Buffer; signing: ChunkSigning } | null;
  /** Trailing headers, written after the zero-size chunk. */
  trailers: [string, string][] | null;
}

/** `data` as an aws-chunked body. */
export function encodeAwsChunked(data: Uint8Array, options: EncodeOptions): Uint8Array {
  const parts: Buffer[] = [];
  let previous = options.signed?.signing.seedSignature ?? "";
  const sign = (lines: string[]) => {
    const key = options.signed?.raw as Buffer;
    const { amzDate, scope } = options.signed?.signing as ChunkSigning;
    const [kind, ...rest] = lines;
    previous = createHmac("sha256", key)
      .update([kind, amzDate, scope, previous, ...rest].join("\n"))
      .digest("hex");
    return previous;
  };
  const chunk = (piece: Uint8Array) => {
    let header = piece.length.toString(16);
    if (options.signed) {
      const hash = createHash("sha256").update(piece).digest("hex");
      header += `;chunk-signature=${sign(["AWS4-HMAC-SHA256-PAYLOAD", EMPTY_SHA256, hash])}`;
    }
    parts.push(Buffer.from(`${header}\r\n`), Buffer.from(piece));
    if (piece.length > 0) parts.push(Buffer.from("\r\n"));
  };
  for (let at = 0; at < data.length; at += options.chunkSize) {
    chunk(data.subarray(at, at + options.chunkSize));
  }
  chunk(new Uint8Array(0));
  if (options.trailers) {
    const lines = options.trailers.map(([name, value]) => `${name}:${value}\n`).join("");
    parts.push(Buffer.from(lines.replaceAll("\n", "\r\n")));
    if (options.signed) {
      const hash = createHash("sha256").update(lines).digest("hex");
      parts.push(
        Buffer.from(`x-amz-trailer-signature:${sign(["AWS4-HMAC-SHA256-TRAILER", hash])}\r\n`),
      );
    }
  }
  parts.push(Buffer.from("\r\n"));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream of `bytes` cut at the given offsets (each read one piece). */
export function streamOf(
  bytes: Uint8Array,
  cuts: readonly number[] = [],
): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(from, point));
    from = point;
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

/** Everything a stream yields, joined; or the error it ended with (and the bytes before). */
export async function drain(
  stream: ReadableStream<Uint8Array>,
): Promise<{ bytes: Uint8Array; error: unknown }> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    return { bytes: new Uint8Array(Buffer.concat(parts)), error: null };
  } catch (error) {
    return { bytes: new Uint8Array(Buffer.concat(parts)), error };
  }
}
