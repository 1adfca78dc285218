/**
 * Decodes an `aws-chunked` request body — `hex-size[;chunk-signature=SIG]\r\n DATA \r\n`
 * repeated, a zero-size chunk last, then (in the trailer forms) `name:value\r\n` trailing
 * headers and a blank line. With signing, each chunk's signature chains from the previous
 * one (the request's own signature seeds it) and is checked BEFORE the chunk's bytes pass
 * downstream, so unchecked bytes never reach the store; the trailer's
 * `x-amz-trailer-signature` is checked the same way. At most one chunk is held, bounded
 * by `MAX_AWS_CHUNK_BYTES`; the body is never buffered whole. Any bad signature, framing,
 * truncation or a total other than the announced decoded length errors the stream.
 */

import type { ChunkSigning } from "./sigv4";
import { sameSignature, sha256Hex, signHex } from "./sigv4-crypto";

/** Largest chunk accepted (SDKs send 64 KiB to 1 MiB; a chunk is held while it is checked). */
export const MAX_AWS_CHUNK_BYTES = 8 * 1024 * 1024;

/** Longest chunk-header or trailer line. */
export const MAX_AWS_CHUNK_LINE_BYTES = 4096;

/** Most trailing headers read. */
export const MAX_AWS_TRAILERS = 16;

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const CRLF = [13, 10];

/** Why a chunked body was refused, as S3 names it. */
export type AwsChunkedCode = "SignatureDoesNotMatch" | "IncompleteBody" | "InvalidRequest";

/** A refused aws-chunked body. */
export class AwsChunkedError extends Error {
  constructor(
    readonly code: AwsChunkedCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the decoder needs to know. */
export interface AwsChunkedOptions {
  /** Null for the unsigned trailer form. */
  signing: ChunkSigning | null;
  trailer: boolean;
  /** `x-amz-decoded-content-length`, when sent. */
  decodedLength: number | null;
}

/** The decoded bytes, and the trailing headers once the last chunk has been read. */
export function decodeAwsChunked(
  body: ReadableStream<Uint8Array>,
  options: AwsChunkedOptions,
): { stream: ReadableStream<Uint8Array>; trailers: Promise<Map<string, string>> } {
  const input = new ByteQueue(body.getReader());
  let previous = options.signing?.seedSignature ?? "";
  let total = 0;
  let settleTrailers: (trailers: Map<string, string>) => void = () => {};
  let failTrailers: (error: unknown) => void = () => {};
  const trailers = new Promise<Map<string, string>>((resolve, reject) => {
    settleTrailers = resolve;
    failTrailers = reject;
  });
  // The caller may never await the trailers; a failure is reported through the stream.
  trailers.catch(() => undefined);

  const checkSignature = async (
    kind: "PAYLOAD" | "TRAILER",
    claimed: string | undefined,
    hash: string,
  ) => {
    const signing = options.signing;
    if (signing === null) return;
    if (claimed === undefined)
      throw new AwsChunkedError(
        "SignatureDoesNotMatch",
        `a ${kind.toLowerCase()} signature is missing`,
      );
    const lines = [`AWS4-HMAC-SHA256-${kind}`, signing.amzDate, signing.scope, previous];
    if (kind === "PAYLOAD") lines.push(EMPTY_SHA256);
    lines.push(hash);
    const expected = await signHex(signing.signingKey, lines.join("\n"));
    if (!sameSignature(expected, claimed)) {
      throw new AwsChunkedError(
        "SignatureDoesNotMatch",
        `a ${kind === "PAYLOAD" ? "chunk" : "trailer"} signature does not match`,
      );
    }
    previous = expected;
  };

  const readTrailers = async () => {
    const found = new Map<string, string>();
    let canonical = "";
    let signature: string | undefined;
    for (let i = 0; ; i++) {
      const line = await input.line(MAX_AWS_CHUNK_LINE_BYTES);
      if (line === "") break;
      if (i >= MAX_AWS_TRAILERS + 1)
        throw new AwsChunkedError("InvalidRequest", "too many trailing headers");
      const colon = line.indexOf(":");
      if (colon <= 0)
        throw new AwsChunkedError("InvalidRequest", "a trailing header is not name:value");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "x-amz-trailer-signature") signature = value;
      else {
        found.set(name, value);
        canonical += `${name}:${value}\n`;
      }
    }
    if (!options.trailer && found.size > 0)
      throw new AwsChunkedError("InvalidRequest", "trailing headers were not announced");
    if (options.trailer) await checkSignature("TRAILER", signature, await sha256Hex(canonical));
    return found;
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const header = await input.line(MAX_AWS_CHUNK_LINE_BYTES);
        const [sizeText = "", ...extensions] = header.split(";");
        if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText))
          throw new AwsChunkedError(
            "InvalidRequest",
            "a chunk header is not hex-size[;chunk-signature=…]",
          );
        const size = Number.parseInt(sizeText, 16);
        if (size > MAX_AWS_CHUNK_BYTES)
          throw new AwsChunkedError(
            "InvalidRequest",
            `a chunk of ${size} bytes exceeds ${MAX_AWS_CHUNK_BYTES}`,
          );
        const claimed = extensions
          .find((e) => e.startsWith("chunk-signature="))
          ?.slice("chunk-signature=".length);
        const data = await input.take(size);
        if (size > 0) await input.expect(CRLF);
        await checkSignature("PAYLOAD", claimed, size === 0 ? EMPTY_SHA256 : await sha256Hex(data));
        total += size;
        if (size > 0) {
          controller.enqueue(data);
          return;
        }
        const read = await readTrailers();
        if (options.decodedLength !== null && total !== options.decodedLength) {
          throw new AwsChunkedError(
            "IncompleteBody",
            `the chunks hold ${total} bytes, not the ${options.decodedLength} announced`,
          );
        }
        settleTrailers(read);
        controller.close();
      } catch (error) {
        failTrailers(error);
        controller.error(error);
        await input.cancel();
      }
    },
    async cancel(reason) {
      failTrailers(reason);
      await input.cancel();
    },
  });
  return { stream, trailers };
}

/** Bytes from a reader, taken by lines and by counts. */
class ByteQueue {
  private parts: Uint8Array[] = [];
  private length = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Reads until at least `n` bytes are queued; false when the body ended first. */
  private async fill(n: number): Promise<boolean> {
    while (this.length < n) {
      const { done, value } = await this.reader.read();
      if (done) return false;
      if (value.byteLength > 0) {
        this.parts.push(value);
        this.length += value.byteLength;
      }
    }
    return true;
  }

  /** The next `n` bytes. */
  async take(n: number): Promise<Uint8Array> {
    if (!(await this.fill(n)))
      throw new AwsChunkedError("IncompleteBody", "the body ended inside a chunk");
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const part = this.parts[0] as Uint8Array;
      const used = Math.min(part.byteLength, n - at);
      out.set(part.subarray(0, used), at);
      at += used;
      if (used === part.byteLength) this.parts.shift();
      else this.parts[0] = part.subarray(used);
    }
    this.length -= n;
    return out;
  }

  /** The next bytes, which must be `bytes`. */
  async expect(bytes: readonly number[]): Promise<void> {
    const got = await this.take(bytes.length);
    if (got.some((b, i) => b !== bytes[i]))
      throw new AwsChunkedError("InvalidRequest", "a chunk does not end in CRLF");
  }

  /** The next line, without its CRLF; at most `max` bytes. */
  async line(max: number): Promise<string> {
    for (let scanned = 0; ; ) {
      const flat = this.peek();
      const end = indexOfCrlf(flat, Math.max(0, scanned - 1));
      if (end !== -1) {
        const line = await this.take(end + 2);
        return new TextDecoder().decode(line.subarray(0, end));
      }
      scanned = flat.byteLength;
      if (scanned > max)
        throw new AwsChunkedError("InvalidRequest", `a line of the body exceeds ${max} bytes`);
      if (!(await this.fill(this.length + 1)))
        throw new AwsChunkedError("IncompleteBody", "the body ended before its last chunk");
    }
  }

  /** The queued bytes as one array (joined once; lines are short). */
  private peek(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const flat = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      flat.set(part, at);
      at += part.byteLength;
    }
    this.parts = this.length > 0 ? [flat] : [];
    return flat;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

function indexOfCrlf(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.byteLength; i++)
    if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}
