import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AwsChunkedError,
  decodeAwsChunked,
  MAX_AWS_CHUNK_BYTES,
  MIN_AWS_CHUNK_BYTES,
} from "../../../shared/s3/aws-chunked";
import { drain, encodeAwsChunked, streamOf, testSigning } from "./aws-chunked-encoder";

const SECRET = "chunked/test+secret";
const AMZ_DATE = "20260314T150926Z";
const SEED = "5".repeat(64);
const signed = await testSigning(SECRET, AMZ_DATE, "us-east-1", SEED);
const TRAILERS: [string, string][] = [["x-amz-checksum-crc32", "NSRBwg=="]];

function bytesOf(length: number, salt = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + salt) % 256);
}

type Form = "signed" | "signed+trailer" | "unsigned+trailer";

function optionsOf(form: Form, decodedLength: number | null) {
  return {
    signing: form === "unsigned+trailer" ? null : signed.signing,
    trailer: form !== "signed",
    decodedLength,
  };
}

function encode(form: Form, data: Uint8Array, chunkSize: number): Uint8Array {
  return encodeAwsChunked(data, {
    chunkSize,
    signed: form === "unsigned+trailer" ? null : signed,
    trailers: form === "signed" ? null : TRAILERS,
  });
}

async function decode(
  body: Uint8Array,
  options: ReturnType<typeof optionsOf>,
  cuts: number[] = [],
): Promise<{ bytes: Uint8Array; error: unknown; trailers: Map<string, string> | unknown }> {
  const decoded = decodeAwsChunked(streamOf(body, cuts), options);
  const { bytes, error } = await drain(decoded.stream);
  const trailers = await decoded.trailers.catch((reason: unknown) => reason);
  return { bytes, error, trailers };
}

function codeOf(error: unknown): string | null {
  return error instanceof AwsChunkedError ? error.code : null;
}

/** A copy of `body` with the byte at `at` changed. */
function flipped(body: Uint8Array, at: number): Uint8Array {
  const copy = body.slice();
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

const FORMS: Form[] = ["signed", "signed+trailer", "unsigned+trailer"];

describe("decodeAwsChunked round trips", () => {
  for (const form of FORMS) {
    it(`decodes a ${form} body whatever way its bytes are split across reads`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 40_000 }),
          fc.integer({ min: form === "unsigned+trailer" ? 1 : MIN_AWS_CHUNK_BYTES, max: 20_000 }),
          fc.array(fc.nat(), { maxLength: 12 }),
          async (length, chunkSize, rawCuts) => {
            const data = bytesOf(length, chunkSize);
            const body = encode(form, data, chunkSize);
            const cuts = rawCuts.map((c) => c % (body.length + 1));
            const out = await decode(body, optionsOf(form, length), cuts);
            expect(out.error).toBeNull();
            expect(Buffer.from(out.bytes).equals(Buffer.from(data))).toBe(true);
            expect(out.trailers).toEqual(new Map(form === "signed" ? [] : TRAILERS));
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it("decodes a body read one byte at a time (every boundary split)", async () => {
    for (const form of FORMS) {
      const data = bytesOf(MIN_AWS_CHUNK_BYTES + 100);
      const body = encode(form, data, MIN_AWS_CHUNK_BYTES);
      const out = await decode(
        body,
        optionsOf(form, data.length),
        Array.from({ length: body.length }, (_, i) => i),
      );
      expect(out.error).toBeNull();
      expect(out.bytes).toEqual(data);
    }
  });

  it("passes an unsigned chunk on as it arrives, without holding it whole", async () => {
    const data = bytesOf(MAX_AWS_CHUNK_BYTES + 1);
    const body = encode("unsigned+trailer", data, data.length);
    const decoded = decodeAwsChunked(
      streamOf(body, [100, 5000]),
      optionsOf("unsigned+trailer", null),
    );
    const reader = decoded.stream.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeLessThan(5000);
    await reader.cancel();
  });
});

describe("decodeAwsChunked refusals", () => {
  const data = bytesOf(3 * MIN_AWS_CHUNK_BYTES);
  const body = encode("signed+trailer", data, MIN_AWS_CHUNK_BYTES);
  const text = Buffer.from(body).toString("latin1");
  const options = optionsOf("signed+trailer", data.length);

  it("refuses tampered chunk data before the chunk's bytes pass on", async () => {
    const secondChunkData =
      text.indexOf("\r\n", text.indexOf("\r\n") + 2 + MIN_AWS_CHUNK_BYTES + 2) + 2;
    const out = await decode(flipped(body, secondChunkData + 10), options);
    expect(codeOf(out.error)).toBe("SignatureDoesNotMatch");
    expect(out.bytes).toEqual(data.subarray(0, MIN_AWS_CHUNK_BYTES));
    expect(codeOf(out.trailers)).toBe("SignatureDoesNotMatch");
  });

  it("refuses a tampered chunk signature, trailer value and trailer signature", async () => {
    const at = (needle: string, offset: number) => text.indexOf(needle) + needle.length + offset;
    for (const tampered of [
      flipped(body, at("chunk-signature=", 3)),
      flipped(body, at("x-amz-checksum-crc32:", 1)),
      flipped(body, at("x-amz-trailer-signature:", 5)),
    ]) {
      expect(codeOf((await decode(tampered, options)).error)).toBe("SignatureDoesNotMatch");
    }
  });

  it("refuses chunks in another order, a body seeded by another request, a missing signature", async () => {
    const stripped = text.replace(/;chunk-signature=[0-9a-f]{64}/, "");
    expect(codeOf((await decode(Buffer.from(stripped, "latin1"), options)).error)).toBe(
      "SignatureDoesNotMatch",
    );
    const records = text.split(/(?=2000;chunk-signature=)/);
    const swapped = [records[1], records[0], ...records.slice(2)].join("");
    const out = await decode(Buffer.from(swapped, "latin1"), options);
    expect(codeOf(out.error)).toBe("SignatureDoesNotMatch");
    expect(out.bytes.length).toBe(0);
    const otherSeed = await testSigning(SECRET, AMZ_DATE, "us-east-1", "6".repeat(64));
    const foreign = encodeAwsChunked(data, {
      chunkSize: MIN_AWS_CHUNK_BYTES,
      signed: otherSeed,
      trailers: TRAILERS,
    });
    expect(codeOf((await decode(foreign, options)).error)).toBe("SignatureDoesNotMatch");
  });

  it("refuses a body truncated anywhere", async () => {
    for (const form of FORMS) {
      const whole = encode(form, bytesOf(2 * MIN_AWS_CHUNK_BYTES + 7), MIN_AWS_CHUNK_BYTES);
      for (let end = 0; end < whole.length; end += 997) {
        const out = await decode(whole.subarray(0, end), optionsOf(form, null));
        expect(codeOf(out.error), `${form} cut at ${end}`).toBe("IncompleteBody");
      }
      const lastByte = await decode(whole.subarray(0, whole.length - 1), optionsOf(form, null));
      expect(codeOf(lastByte.error)).toBe("IncompleteBody");
    }
  });

  it("refuses a total other than the announced decoded length", async () => {
    for (const form of FORMS) {
      const whole = encode(form, data, MIN_AWS_CHUNK_BYTES);
      for (const announced of [data.length - 1, data.length + 1]) {
        const out = await decode(whole, optionsOf(form, announced));
        expect(codeOf(out.error)).toBe("IncompleteBody");
        expect(out.bytes.length).toBeLessThanOrEqual(announced);
      }
    }
  });

  it("refuses a signed chunk above the bound, and a short chunk that is not the last", async () => {
    const oversize = `${(MAX_AWS_CHUNK_BYTES + 1).toString(16)};chunk-signature=${"0".repeat(64)}\r\n`;
    const big = await decode(Buffer.from(oversize), optionsOf("signed", null));
    expect(codeOf(big.error)).toBe("InvalidChunkSizeError");
    const short = encode("signed", bytesOf(3000), 1000);
    expect(codeOf((await decode(short, optionsOf("signed", 3000))).error)).toBe(
      "InvalidChunkSizeError",
    );
  });

  it("refuses bad framing: a bad size, no CRLF after the data, bytes after the end", async () => {
    const bad = await decode(Buffer.from("zz;chunk-signature=00\r\n"), options);
    expect(codeOf(bad.error)).toBe("InvalidRequest");
    const unsigned = encode("unsigned+trailer", bytesOf(10), 10);
    const noCrlf = Buffer.from(
      Buffer.from(unsigned).toString("latin1").replace("\r\n0\r\n", "XX0\r\n"),
      "latin1",
    );
    expect(codeOf((await decode(noCrlf, optionsOf("unsigned+trailer", null))).error)).toBe(
      "InvalidRequest",
    );
    const extra = Buffer.concat([Buffer.from(unsigned), Buffer.from("junk")]);
    expect(codeOf((await decode(extra, optionsOf("unsigned+trailer", null))).error)).toBe(
      "InvalidRequest",
    );
    const longLine = Buffer.from(`1${"0".repeat(5000)}\r\n`);
    expect(codeOf((await decode(longLine, optionsOf("unsigned+trailer", null))).error)).toBe(
      "InvalidRequest",
    );
  });

  it("refuses trailing headers that were not announced", async () => {
    const withTrailer = encode("unsigned+trailer", bytesOf(10), 10);
    const out = await decode(withTrailer, { signing: null, trailer: false, decodedLength: 10 });
    expect(codeOf(out.error)).toBe("InvalidRequest");
  });

  it("rejects the trailers when the reader cancels, and never leaves a rejection unhandled", async () => {
    const decoded = decodeAwsChunked(streamOf(body), options);
    await decoded.stream.cancel("gone");
    await expect(decoded.trailers).rejects.toBe("gone");
    // A failing body whose trailers nobody awaits: vitest fails the run on an unhandled rejection.
    await drain(decodeAwsChunked(streamOf(flipped(body, 200)), options).stream);
  });
});
