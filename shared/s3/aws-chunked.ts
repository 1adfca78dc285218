/**
 * Decodes an `aws-chunked` request body — `hex-size[;chunk-signature=SIG]\r\n DATA \r\n`
 * repeated, a zero-size chunk last, then (in the trailer forms) `name:value\r\n` trailing
 * headers, and a blank line. With signing, each chunk's signature chains from the previous
 * one (the request's own signature seeds it) and is checked BEFORE the chunk's bytes pass
 * downstream, so unchecked bytes never reach the store; the trailer's
 * `x-amz-trailer-signature` is checked the same way. A signed chunk is held whole while it
 * is checked, so its size is bounded by `MAX_AWS_CHUNK_BYTES`; an unsigned chunk passes on
 * as it arrives. The body is never buffered whole. Any bad signature, framing, truncation
 * or a total other than the announced decoded length errors the stream.
 */
import { ByteQueue, ByteQueueError } from "./byte-queue";
import { sameSignature, sha256Hex, signHex } from "./sigv4-crypto";
import type { ChunkSigning } from "./sigv4-types";

/** Largest signed chunk accepted (it is held while checked; SDKs send 64 KiB to 1 MiB). */
export const MAX_AWS_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Smallest signed chunk but the last (S3's rule, `InvalidChunkSizeError`): it bounds the
 * signature checks, and so the CPU, a body can ask for.
 */
export const MIN_AWS_CHUNK_BYTES = 8 * 1024;

/** Longest chunk-header or trailer line. */
export const MAX_AWS_CHUNK_LINE_BYTES = 4096;

/** Most trailing headers read. */
export const MAX_AWS_TRAILERS = 16;

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const CHUNK_SIZE = /^[0-9a-fA-F]{1,8}$/;
const SIGNATURE_EXTENSION = "chunk-signature=";
const TRAILER_SIGNATURE = "x-amz-trailer-signature";
const CRLF = [13, 10] as const;

/** Why a chunked body was refused, as S3 names it. */
export type AwsChunkedCode =
  | "SignatureDoesNotMatch"
  | "IncompleteBody"
  | "InvalidRequest"
  | "InvalidChunkSizeError";

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
  /** How chunks are signed; null for the unsigned trailer form. */
  signing: ChunkSigning | null;
  /** Whether trailing headers follow the last chunk (`x-amz-trailer`). */
  trailer: boolean;
  /** `x-amz-decoded-content-length`, when sent. */
  decodedLength: number | null;
}

/**
 * The decoded bytes, and the trailing headers (lowercase names) once the last chunk has
 * been read. `trailers` rejects when the stream errors or is cancelled; it never goes
 * unhandled, so a caller without a trailer need not await it.
 */
export function decodeAwsChunked(
  body: ReadableStream<Uint8Array>,
  options: AwsChunkedOptions,
): { stream: ReadableStream<Uint8Array>; trailers: Promise<Map<string, string>> } {
  const decoder = new ChunkDecoder(new ByteQueue(body.getReader()), options);
  let settle: (trailers: Map<string, string>) => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  const trailers = new Promise<Map<string, string>>((resolve, reject) => {
    settle = resolve;
    refuse = reject;
  });
  trailers.catch(() => undefined);

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await decoder.next();
        if (next instanceof Map) {
          settle(next);
          controller.close();
        } else controller.enqueue(next);
      } catch (thrown) {
        const error = asChunkedError(thrown);
        refuse(error);
        controller.error(error);
        await decoder.cancel(error);
      }
    },
    async cancel(reason) {
      refuse(reason);
      await decoder.cancel(reason);
    },
  });
  return { stream, trailers };
}

/** The decoding state between reads. */
class ChunkDecoder {
  /** The last signature checked (the seed before the first chunk). */
  private previous: string;
  /** Bytes passed on so far. */
  private total = 0;
  /** Bytes still to pass on of the unsigned chunk being read; 0 between chunks. */
  private unsignedLeft = 0;
  /** Whether a signed chunk shorter than the minimum was read: it must have been the last. */
  private shortChunkSeen = false;

  constructor(
    private readonly input: ByteQueue,
    private readonly options: AwsChunkedOptions,
  ) {
    this.previous = options.signing?.seedSignature ?? "";
  }

  /** The next decoded bytes, or the trailers once the body has ended well. */
  async next(): Promise<Uint8Array | Map<string, string>> {
    if (this.unsignedLeft > 0) return this.unsignedPiece();
    const { size, signature } = await this.chunkHeader();
    if (size === 0) return this.end(signature);
    this.admit(size);
    if (this.options.signing === null) {
      this.unsignedLeft = size;
      return this.unsignedPiece();
    }
    if (size > MAX_AWS_CHUNK_BYTES) {
      throw new AwsChunkedError(
        "InvalidChunkSizeError",
        `a chunk of ${size} bytes exceeds ${MAX_AWS_CHUNK_BYTES}`,
      );
    }
    if (this.shortChunkSeen) {
      throw new AwsChunkedError(
        "InvalidChunkSizeError",
        `Only the last chunk is allowed to have a size less than ${MIN_AWS_CHUNK_BYTES} bytes`,
      );
    }
    this.shortChunkSeen = size < MIN_AWS_CHUNK_BYTES;
    const data = await this.input.take(size);
    await this.chunkEnd();
    await this.check("PAYLOAD", signature, await sha256Hex(data));
    this.total += size;
    return data;
  }

  async cancel(reason: unknown): Promise<void> {
    await this.input.cancel(reason);
  }

  /** `hex-size[;chunk-signature=SIG]`, the signature required exactly when signing. */
  private async chunkHeader(): Promise<{ size: number; signature: string | undefined }> {
    const [sizeText = "", ...extensions] = (await this.input.line(MAX_AWS_CHUNK_LINE_BYTES)).split(
      ";",
    );
    if (!CHUNK_SIZE.test(sizeText)) {
      throw new AwsChunkedError("InvalidRequest", "a chunk header is not hex-size[;extensions]");
    }
    const signature = extensions
      .find((extension) => extension.startsWith(SIGNATURE_EXTENSION))
      ?.slice(SIGNATURE_EXTENSION.length);
    return { size: Number.parseInt(sizeText, 16), signature };
  }

  /** Refuses a chunk that would carry the body past its announced length. */
  private admit(size: number): void {
    const announced = this.options.decodedLength;
    if (announced !== null && this.total + size > announced) {
      throw new AwsChunkedError(
        "IncompleteBody",
        `the chunks hold more than the ${announced} bytes announced`,
      );
    }
  }

  /** The next bytes of the unsigned chunk being read, as they arrive. */
  private async unsignedPiece(): Promise<Uint8Array> {
    const piece = await this.input.takeSome(this.unsignedLeft);
    this.unsignedLeft -= piece.byteLength;
    this.total += piece.byteLength;
    if (this.unsignedLeft === 0) await this.chunkEnd();
    return piece;
  }

  private async chunkEnd(): Promise<void> {
    const end = await this.input.take(CRLF.length);
    if (end[0] !== CRLF[0] || end[1] !== CRLF[1]) {
      throw new AwsChunkedError("InvalidRequest", "a chunk's data does not end in CRLF");
    }
  }

  /** After the zero-size chunk: its signature, the trailers, the blank line, the total. */
  private async end(signature: string | undefined): Promise<Map<string, string>> {
    await this.check("PAYLOAD", signature, EMPTY_SHA256);
    const trailers = await this.trailers();
    if (!(await this.input.atEnd())) {
      throw new AwsChunkedError("InvalidRequest", "bytes follow the end of the chunked body");
    }
    const announced = this.options.decodedLength;
    if (announced !== null && this.total !== announced) {
      throw new AwsChunkedError(
        "IncompleteBody",
        `the chunks hold ${this.total} bytes, not the ${announced} announced`,
      );
    }
    return trailers;
  }

  /** The trailing headers up to the blank line, their signature checked when signing. */
  private async trailers(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let canonical = "";
    let signature: string | undefined;
    for (;;) {
      const line = await this.input.line(MAX_AWS_CHUNK_LINE_BYTES);
      if (line === "") break;
      const colon = line.indexOf(":");
      if (colon <= 0) {
        throw new AwsChunkedError("InvalidRequest", "a trailing header is not name:value");
      }
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === TRAILER_SIGNATURE) {
        signature = value;
        continue;
      }
      if (!this.options.trailer) {
        throw new AwsChunkedError("InvalidRequest", "trailing headers were not announced");
      }
      if (found.size === MAX_AWS_TRAILERS) {
        throw new AwsChunkedError("InvalidRequest", `more than ${MAX_AWS_TRAILERS} trailers`);
      }
      found.set(name, value);
      canonical += `${name}:${value}\n`;
    }
    if (this.options.trailer) await this.check("TRAILER", signature, await sha256Hex(canonical));
    return found;
  }

  /** Checks a chunk's or the trailer's signature when signing; it becomes the previous one. */
  private async check(
    kind: "PAYLOAD" | "TRAILER",
    claimed: string | undefined,
    hash: string,
  ): Promise<void> {
    const signing = this.options.signing;
    if (signing === null) return;
    const what = kind === "PAYLOAD" ? "chunk" : "trailer";
    if (claimed === undefined) {
      throw new AwsChunkedError("SignatureDoesNotMatch", `a ${what} signature is missing`);
    }
    const lines = [`AWS4-HMAC-SHA256-${kind}`, signing.amzDate, signing.scope, this.previous];
    if (kind === "PAYLOAD") lines.push(EMPTY_SHA256);
    lines.push(hash);
    const expected = await signHex(signing.signingKey, lines.join("\n"));
    if (!sameSignature(expected, claimed)) {
      throw new AwsChunkedError("SignatureDoesNotMatch", `a ${what} signature does not match`);
    }
    this.previous = expected;
  }
}

/** A queue's or the decoder's failure as S3's error; anything else (a failed read) as is. */
function asChunkedError(error: unknown): unknown {
  if (!(error instanceof ByteQueueError)) return error;
  return error.reason === "ended"
    ? new AwsChunkedError("IncompleteBody", "the body ended before its last chunk")
    : new AwsChunkedError("InvalidRequest", error.message);
}
