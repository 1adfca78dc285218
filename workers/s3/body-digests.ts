/**
 * The digests an S3 write is checked against, computed as the body streams past: always
 * the MD5 (the object's ETag), and each checksum the client sent or announced —
 * `Content-MD5`, `x-amz-checksum-crc32|crc32c|crc64nvme|sha1|sha256` as headers, or named
 * in `x-amz-trailer` and sent after the last aws-chunked chunk. The SHA-256 of the body is
 * the file system's own (the store computes it), so it is not hashed twice. A mismatch is
 * `BadDigest` and the caller commits nothing.
 */

import { bytesOfHex, hexOf } from "../../shared/hex";
import { createChecksum } from "../../shared/s3/checksums";
import { S3Error } from "../../shared/s3/s3-errors";

/** The checksum headers S3 defines, by the algorithm they carry. */
const CHECKSUM_HEADERS = {
  "x-amz-checksum-crc32": "crc32",
  "x-amz-checksum-crc32c": "crc32c",
  "x-amz-checksum-crc64nvme": "crc64nvme",
  "x-amz-checksum-sha1": "sha1",
  "x-amz-checksum-sha256": "sha256",
} as const;

type ChecksumHeader = keyof typeof CHECKSUM_HEADERS;

/** One running digest, answering its value as S3 writes it (base64). */
interface RunningDigest {
  update(bytes: Uint8Array): Promise<void>;
  base64(): Promise<string>;
}

/** What a checked write computed: its MD5 and the checksums it was checked against. */
export interface CheckedDigests {
  md5Hex: string;
  /** Checksum header → base64 value, to echo in the response. */
  checksums: Map<string, string>;
}

/** Digests over one body, set up from the request's headers. */
export class BodyDigests {
  private readonly md5 = digestStream("MD5");
  private readonly running = new Map<ChecksumHeader, RunningDigest>();

  constructor(private readonly headers: Headers) {
    for (const name of this.wanted()) {
      const algorithm = CHECKSUM_HEADERS[name];
      if (algorithm === "sha256") continue;
      this.running.set(name, algorithm === "sha1" ? digestStream("SHA-1") : crcDigest(algorithm));
    }
  }

  /** `body` with every digest fed on the way. */
  through(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: async (bytes, controller) => {
          await this.md5.update(bytes);
          for (const digest of this.running.values()) await digest.update(bytes);
          controller.enqueue(bytes);
        },
      }),
    );
  }

  /**
   * Checks what the client sent against what was computed, once the body has ended;
   * `sha256Hex` is the body's SHA-256 from the store.
   */
  async check(trailers: ReadonlyMap<string, string>, sha256Hex: string): Promise<CheckedDigests> {
    const md5 = await this.md5.base64();
    const sent = this.headers.get("content-md5");
    if (sent !== null && sent.trim() !== md5) {
      throw new S3Error(
        "BadDigest",
        "The Content-MD5 you specified did not match what we received.",
      );
    }
    const checksums = new Map<string, string>();
    for (const name of this.wanted()) {
      const expected = this.headers.get(name) ?? trailers.get(name);
      if (expected === undefined || expected === null) {
        throw new S3Error("InvalidRequest", `the trailer ${name} was announced but not sent`);
      }
      const actual =
        CHECKSUM_HEADERS[name] === "sha256"
          ? btoa(String.fromCharCode(...bytesOfHex(sha256Hex)))
          : await (this.running.get(name) as RunningDigest).base64();
      if (expected.trim() !== actual) {
        throw new S3Error(
          "BadDigest",
          `The ${CHECKSUM_HEADERS[name].toUpperCase()} you specified did not match the calculated checksum.`,
        );
      }
      checksums.set(name, actual);
    }
    return { md5Hex: hexOf(base64Bytes(md5)), checksums };
  }

  /** The checksum headers present or announced as trailers. */
  private wanted(): ChecksumHeader[] {
    const trailer = (this.headers.get("x-amz-trailer") ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase());
    return (Object.keys(CHECKSUM_HEADERS) as ChecksumHeader[]).filter(
      (name) => this.headers.has(name) || trailer.includes(name),
    );
  }
}

/** Whether `value` is a well-formed Content-MD5 (the base64 of 16 bytes). */
export function checkContentMd5(headers: Headers): void {
  const value = headers.get("content-md5");
  if (value === null) return;
  if (!/^[A-Za-z0-9+/]{22}==$/.test(value.trim())) {
    throw new S3Error("InvalidDigest", "The Content-MD5 you specified is not valid.");
  }
}

function digestStream(algorithm: "MD5" | "SHA-1"): RunningDigest {
  const stream = new crypto.DigestStream(algorithm);
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes),
    base64: async () => {
      await writer.close();
      return btoa(String.fromCharCode(...new Uint8Array(await stream.digest)));
    },
  };
}

function crcDigest(algorithm: "crc32" | "crc32c" | "crc64nvme"): RunningDigest {
  const crc = createChecksum(algorithm);
  return {
    update: async (bytes) => crc.update(bytes),
    base64: async () => crc.digestBase64(),
  };
}

function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
