/**
 * Requests signed by botocore (fixtures/make_sigv4_fixtures.py, run with Debian's python3
 * and python3-boto3), verified by verifySigV4: header and presigned forms, unusual keys,
 * query strings, a Date header, other regions, and the streaming forms — whose aws-chunked
 * bodies, chunk-signed by the generator, then decode with the verdict's seed.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeAwsChunked } from "../../../shared/s3/aws-chunked";
import { verifySigV4 } from "../../../shared/s3/sigv4";
import { drain, streamOf } from "./aws-chunked-encoder";
import { FIXTURE_KEYS, FIXTURES, requestOf } from "./sigv4-fixtures";

describe("verifySigV4 accepts what botocore signs", () => {
  it("has a fixture of every kind", () => {
    expect(FIXTURES.fixtures.length).toBeGreaterThan(20);
    const kinds = new Set(FIXTURES.fixtures.map((f) => f.expect.payload.kind));
    expect(kinds).toEqual(new Set(["sha256", "unsigned", "streaming"]));
  });

  for (const fixture of FIXTURES.fixtures) {
    it(fixture.name, async () => {
      const verdict = await verifySigV4(requestOf(fixture), FIXTURE_KEYS, FIXTURES.signedAtMs);
      if (!verdict.ok) throw new Error(`${verdict.code}: ${verdict.message}`);
      expect(verdict.accessKey).toBe(fixture.expect.accessKey);
      expect(verdict.payload).toMatchObject(fixture.expect.payload);
      if (verdict.payload.kind !== "streaming") return;
      expect(verdict.payload.seed !== null).toBe(verdict.payload.signed);
      const decoded = decodeAwsChunked(
        streamOf(new Uint8Array(Buffer.from(fixture.body as string, "base64")), [1, 5000, 9001]),
        {
          signing: verdict.payload.seed,
          trailer: verdict.payload.trailer,
          decodedLength: fixture.decodedLength as number,
        },
      );
      const { bytes, error } = await drain(decoded.stream);
      expect(error).toBeNull();
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(fixture.decodedSha256);
      expect(Object.fromEntries(await decoded.trailers)).toEqual(fixture.trailers);
    });
  }
});
