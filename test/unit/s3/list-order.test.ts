/**
 * Listing tokens and S3's URL encoding: a token round-trips any key and is URL-safe, a
 * token not from here is InvalidArgument, and `s3UrlEncode` is decoded back exactly by
 * the decoders clients use (Python's `unquote_plus`, as botocore does, modelled here by
 * `decodeURIComponent` after `+` → space).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeContinuationToken,
  encodeContinuationToken,
  s3UrlEncode,
} from "../../../shared/s3/list-order";
import { S3Error } from "../../../shared/s3/s3-errors";

/** Python's `urllib.parse.unquote_plus`, which botocore decodes listings with. */
const unquotePlus = (text: string) => decodeURIComponent(text.replaceAll("+", " "));

/** Well-formed unicode keys (no lone surrogates: keys are decoded from UTF-8). */
const keys = fc.string({ unit: "grapheme", maxLength: 60 });

describe("continuation tokens", () => {
  it("round-trip any key and use only URL-safe characters", () => {
    fc.assert(
      fc.property(keys, (key) => {
        const token = encodeContinuationToken(key);
        expect(token).toMatch(/^[A-Za-z0-9._~-]+$/);
        expect(encodeURIComponent(token)).toBe(token);
        expect(decodeContinuationToken(token)).toBe(key);
      }),
      { numRuns: 500 },
    );
    expect(decodeContinuationToken(encodeContinuationToken(""))).toBe("");
  });

  it("differ for different keys", () => {
    expect(encodeContinuationToken("a")).not.toBe(encodeContinuationToken("b"));
  });

  it("refuse a token not from here as InvalidArgument, naming the argument", () => {
    const good = encodeContinuationToken("photos/2026/");
    for (const token of [
      "",
      "photos/2026/",
      good.slice(3),
      `k2.${good.slice(3)}`,
      `${good}!`,
      `${good}=`,
      "k1.A",
      "k1.gA",
      "k1.+/+/",
    ]) {
      try {
        decodeContinuationToken(token);
        throw new Error(`accepted ${token}`);
      } catch (error) {
        expect(error, token).toBeInstanceOf(S3Error);
        expect((error as S3Error).code).toBe("InvalidArgument");
        expect((error as S3Error).message).toBe("The continuation token provided is incorrect");
        expect((error as S3Error).options.details).toEqual({
          ArgumentName: "continuation-token",
          ArgumentValue: token,
        });
      }
    }
  });
});

describe("s3UrlEncode", () => {
  it("keeps unreserved characters and /, and percent-encodes the rest in uppercase hex", () => {
    expect(s3UrlEncode("AZaz09-._~/")).toBe("AZaz09-._~/");
    expect(s3UrlEncode("a b+c%d")).toBe("a%20b%2Bc%25d");
    expect(s3UrlEncode("!*'();:@&=$,?#[]")).toBe(
      "%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%3F%23%5B%5D",
    );
    expect(s3UrlEncode("é/😀")).toBe("%C3%A9/%F0%9F%98%80");
    expect(s3UrlEncode("\u0000\u0001\r\n\t\u007f")).toBe("%00%01%0D%0A%09%7F");
  });

  it("reads back exactly through unquote_plus and through plain percent-decoding", () => {
    fc.assert(
      fc.property(keys, (key) => {
        const encoded = s3UrlEncode(key);
        expect(encoded).toMatch(/^[A-Za-z0-9\-._~/%]*$/);
        expect(unquotePlus(encoded)).toBe(key);
        expect(decodeURIComponent(encoded)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });

  it("encodes a lone surrogate as U+FFFD instead of throwing", () => {
    expect(s3UrlEncode("a\ud800b")).toBe("a%EF%BF%BDb");
  });
});
