import { describe, expect, it } from "vitest";
import {
  canonicalHeaderValue,
  canonicalPaths,
  canonicalQuery,
  uriEncode,
} from "../../../shared/s3/sigv4-canonical";
import {
  MAX_CACHED_SIGNING_KEYS,
  sameSignature,
  signingKey,
} from "../../../shared/s3/sigv4-crypto";

describe("SigV4's canonical forms", () => {
  it("URI-encodes every byte but the unreserved ones, as UTF-8, in uppercase hex", () => {
    expect(uriEncode("AZaz09-_.~")).toBe("AZaz09-_.~");
    expect(uriEncode("a b+c/d!*'()")).toBe("a%20b%2Bc%2Fd%21%2A%27%28%29");
    expect(uriEncode("é日")).toBe("%C3%A9%E6%97%A5");
  });

  it("signs the path as sent, and also tries its canonical re-encoding", () => {
    expect(canonicalPaths(new URL("http://h/b/a%20b/c%2Fd"))).toEqual(["/b/a%20b/c%2Fd"]);
    expect(canonicalPaths(new URL("http://h/b/x$y%7e%2f(z)"))).toEqual([
      "/b/x$y%7e%2f(z)",
      "/b/x%24y~%2F%28z%29",
    ]);
    expect(canonicalPaths(new URL("http://h"))).toEqual(["/"]);
    // A byte that is no UTF-8 on its own keeps its escape.
    expect(canonicalPaths(new URL("http://h/b/%ff!"))).toEqual(["/b/%ff!", "/b/%FF%21"]);
  });

  it("sorts the query by encoded name, then value; a bare name is name=", () => {
    const url = new URL("http://h/?b=2&a=9&b=1&uploads&a=10&c=x%20y+z&%7E=~");
    expect(canonicalQuery(url, null)).toBe("a=10&a=9&b=1&b=2&c=x%20y%2Bz&uploads=&~=~");
    const presigned = new URL("http://h/?X-Amz-Signature=ab&X-Amz-Date=1");
    expect(canonicalQuery(presigned, "X-Amz-Signature")).toBe("X-Amz-Date=1");
  });

  it("trims a header value and folds each run of whitespace into one space", () => {
    expect(canonicalHeaderValue("  a   b \t c  ")).toBe("a b c");
  });
});

describe("SigV4's crypto helpers", () => {
  it("compares signatures exactly, whatever their lengths", () => {
    const a = "0123456789abcdef".repeat(4);
    expect(sameSignature(a, a)).toBe(true);
    expect(sameSignature(a, `${a.slice(0, 63)}0`)).toBe(false);
    expect(sameSignature(a, a.slice(0, 63))).toBe(false);
    expect(sameSignature("", a)).toBe(false);
  });

  it("caches signing keys per secret, day and region, up to MAX_CACHED_SIGNING_KEYS", async () => {
    const first = await signingKey("s", "20260101", "us-east-1", "s3");
    expect(await signingKey("s", "20260101", "us-east-1", "s3")).toBe(first);
    expect(await signingKey("t", "20260101", "us-east-1", "s3")).not.toBe(first);
    for (let i = 0; i < MAX_CACHED_SIGNING_KEYS; i++)
      await signingKey("s", "20260101", `r${i}`, "s3");
    expect(await signingKey("s", "20260101", "us-east-1", "s3")).not.toBe(first);
  });
});
