/**
 * What verifySigV4 refuses, and with which of S3's codes: botocore-signed requests
 * (fixtures/sigv4-fixtures.json) changed after signing, sent at the wrong time, or
 * malformed.
 */
import { describe, expect, it } from "vitest";
import { MAX_CLOCK_SKEW_MS, type SigV4Request, verifySigV4 } from "../../../shared/s3/sigv4";
import { FIXTURE_KEYS, FIXTURES, type Fixture, requestOf } from "./sigv4-fixtures";

const AT = FIXTURES.signedAtMs;

function fixture(name: string): Fixture {
  const found = FIXTURES.fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

const PUT = fixture("PUT object with metadata and folded spaces");
const LIST = fixture("ListObjectsV2 query");
const PRESIGNED = fixture("presigned GET");

/** The fixture's request, changed by `change`. */
function changed(f: Fixture, change: (r: SigV4Request) => void): SigV4Request {
  const request = requestOf(f);
  change(request);
  return request;
}

async function codeOf(request: SigV4Request, now = AT, keys = FIXTURE_KEYS) {
  const verdict = await verifySigV4(request, keys, now);
  return verdict.ok ? "ok" : verdict.code;
}

/** `text` with the character at `at` replaced by another hex digit. */
function flipHex(text: string, at: number): string {
  return `${text.slice(0, at)}${text[at] === "0" ? "1" : "0"}${text.slice(at + 1)}`;
}

describe("verifySigV4 refuses a request changed after signing", () => {
  it("accepts the untouched fixtures these tests change", async () => {
    for (const f of [PUT, LIST, PRESIGNED]) expect(await codeOf(requestOf(f))).toBe("ok");
  });

  it("a signed header changed, with SignatureDoesNotMatch", async () => {
    const tampered = changed(PUT, (r) => r.headers.set("x-amz-meta-note", "three   spaces"));
    expect(await codeOf(tampered)).toBe("SignatureDoesNotMatch");
    const type = changed(PUT, (r) => r.headers.set("content-type", "text/html"));
    expect(await codeOf(type)).toBe("SignatureDoesNotMatch");
    const spaces = changed(PUT, (r) => r.headers.set("x-amz-meta-note", "two spaces"));
    expect(await codeOf(spaces)).toBe("ok");
  });

  it("the query, the path or the method changed, with SignatureDoesNotMatch", async () => {
    const prefix = changed(LIST, (r) => r.url.searchParams.set("prefix", "dir two/"));
    expect(await codeOf(prefix)).toBe("SignatureDoesNotMatch");
    const added = changed(LIST, (r) => r.url.searchParams.append("fetch-owner", "true"));
    expect(await codeOf(added)).toBe("SignatureDoesNotMatch");
    const path = changed(PUT, (r) => {
      r.url.pathname = "/s3/photos/docs/c.txt";
    });
    expect(await codeOf(path)).toBe("SignatureDoesNotMatch");
    expect(await codeOf({ ...requestOf(PUT), method: "POST" })).toBe("SignatureDoesNotMatch");
    const presignedPath = changed(PRESIGNED, (r) => {
      r.url.pathname = "/s3/photos/q.txt";
    });
    expect(await codeOf(presignedPath)).toBe("SignatureDoesNotMatch");
  });

  it("the date changed within the skew bound, with SignatureDoesNotMatch", async () => {
    const date = PUT.headers["X-Amz-Date"] as string;
    const tampered = changed(PUT, (r) => r.headers.set("x-amz-date", flipHex(date, 14)));
    expect(await codeOf(tampered)).toBe("SignatureDoesNotMatch");
  });

  it("the signature changed, or the key's secret differs, with SignatureDoesNotMatch", async () => {
    const auth = PUT.headers.Authorization as string;
    const flipped = changed(PUT, (r) =>
      r.headers.set("authorization", flipHex(auth, auth.length - 1)),
    );
    expect(await codeOf(flipped)).toBe("SignatureDoesNotMatch");
    const otherSecret = new Map([[FIXTURES.accessKey, `${FIXTURES.secret}x`]]);
    expect(await codeOf(requestOf(PUT), AT, otherSecret)).toBe("SignatureDoesNotMatch");
    const sig = PRESIGNED.url.slice(-64);
    const presigned = changed(PRESIGNED, (r) =>
      r.url.searchParams.set("X-Amz-Signature", flipHex(sig, 0)),
    );
    expect(await codeOf(presigned)).toBe("SignatureDoesNotMatch");
  });

  it("an unknown access key, with InvalidAccessKeyId", async () => {
    expect(await codeOf(requestOf(PUT), AT, new Map([["AKIDSOMEONEELSE", "s"]]))).toBe(
      "InvalidAccessKeyId",
    );
    expect(await codeOf(requestOf(PRESIGNED), AT, new Map())).toBe("InvalidAccessKeyId");
  });

  it("an x-amz-* header added unsigned, with AccessDenied", async () => {
    const added = changed(PUT, (r) => r.headers.set("x-amz-copy-source", "/other/key"));
    expect(await verifySigV4(added, FIXTURE_KEYS, AT)).toMatchObject({
      ok: false,
      code: "AccessDenied",
      message: expect.stringContaining("x-amz-copy-source"),
    });
    const presigned = changed(PRESIGNED, (r) => r.headers.set("x-amz-acl", "public-read"));
    expect(await codeOf(presigned)).toBe("AccessDenied");
  });
});

describe("verifySigV4 refuses a request at the wrong time", () => {
  it("a header-form clock skew beyond MAX_CLOCK_SKEW_MS either way: RequestTimeTooSkewed", async () => {
    const request = () => requestOf(PUT);
    expect(await codeOf(request(), AT + MAX_CLOCK_SKEW_MS)).toBe("ok");
    expect(await codeOf(request(), AT - MAX_CLOCK_SKEW_MS)).toBe("ok");
    expect(await codeOf(request(), AT + MAX_CLOCK_SKEW_MS + 1)).toBe("RequestTimeTooSkewed");
    expect(await codeOf(request(), AT - MAX_CLOCK_SKEW_MS - 1)).toBe("RequestTimeTooSkewed");
  });

  it("an expired presigned URL: AccessDenied, Request has expired", async () => {
    const expires = 3600 * 1000;
    expect(await codeOf(requestOf(PRESIGNED), AT + expires)).toBe("ok");
    expect(await verifySigV4(requestOf(PRESIGNED), FIXTURE_KEYS, AT + expires + 1)).toEqual({
      ok: false,
      code: "AccessDenied",
      message: "Request has expired",
    });
  });

  it("a presigned URL from the future beyond the skew bound: AccessDenied", async () => {
    expect(await codeOf(requestOf(PRESIGNED), AT - MAX_CLOCK_SKEW_MS - 1)).toBe("AccessDenied");
  });

  it("a credential day other than the request's: AuthorizationHeaderMalformed", async () => {
    const auth = PUT.headers.Authorization as string;
    const otherDay = changed(PUT, (r) =>
      r.headers.set("authorization", auth.replace("/20260314/", "/20260315/")),
    );
    expect(await codeOf(otherDay)).toBe("AuthorizationHeaderMalformed");
  });
});

describe("verifySigV4 refuses a malformed or missing signature", () => {
  it("no signature at all: AccessDenied, Anonymous access is refused", async () => {
    const request = { method: "GET", url: new URL("http://h/s3/b/k"), headers: new Headers() };
    expect(await verifySigV4(request, FIXTURE_KEYS, AT)).toEqual({
      ok: false,
      code: "AccessDenied",
      message: "Anonymous access is refused",
    });
  });

  it("both an Authorization header and presigned parameters: InvalidArgument", async () => {
    const both = changed(PRESIGNED, (r) =>
      r.headers.set("authorization", PUT.headers.Authorization as string),
    );
    expect(await codeOf(both)).toBe("InvalidArgument");
  });

  it("another algorithm, service, or an unreadable credential", async () => {
    const auth = PUT.headers.Authorization as string;
    const withAuth = (value: string) => changed(PUT, (r) => r.headers.set("authorization", value));
    expect(await codeOf(withAuth("AWS AKID:c2lnbmF0dXJl"))).toBe("InvalidRequest");
    expect(await codeOf(withAuth(auth.replace("/s3/", "/iam/")))).toBe(
      "AuthorizationHeaderMalformed",
    );
    expect(await codeOf(withAuth(auth.replace(/Credential=[^,]*/, "Credential=AKID/x")))).toBe(
      "AuthorizationHeaderMalformed",
    );
    expect(await codeOf(withAuth(auth.replace(/Signature=\w+/, "Signature=abc")))).toBe(
      "AuthorizationHeaderMalformed",
    );
    const algorithm = changed(PRESIGNED, (r) =>
      r.url.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA512"),
    );
    expect(await codeOf(algorithm)).toBe("AuthorizationQueryParametersError");
  });

  it("host not signed", async () => {
    const auth = PUT.headers.Authorization as string;
    const noHost = changed(PUT, (r) =>
      r.headers.set(
        "authorization",
        auth.replace(
          "SignedHeaders=content-md5;content-type;host;",
          "SignedHeaders=content-md5;content-type;",
        ),
      ),
    );
    expect(await codeOf(noHost)).toBe("AuthorizationHeaderMalformed");
  });

  it("X-Amz-Expires beyond seven days, or not a number", async () => {
    for (const expires of ["604801", "-1", "soon"]) {
      const request = changed(PRESIGNED, (r) => r.url.searchParams.set("X-Amz-Expires", expires));
      expect(await codeOf(request), expires).toBe("AuthorizationQueryParametersError");
    }
  });

  it("no x-amz-content-sha256 in the header form, or an unknown value: InvalidRequest", async () => {
    const missing = changed(PUT, (r) => r.headers.delete("x-amz-content-sha256"));
    expect(await codeOf(missing)).toBe("InvalidRequest");
    const unknown = changed(PUT, (r) => r.headers.set("x-amz-content-sha256", "STREAMING-MAYBE"));
    expect(await codeOf(unknown)).toBe("InvalidRequest");
  });

  it("no date, or an unreadable one", async () => {
    const none = changed(PUT, (r) => r.headers.delete("x-amz-date"));
    expect(await codeOf(none)).toBe("AccessDenied");
    const month13 = changed(PUT, (r) => r.headers.set("x-amz-date", "20261314T150926Z"));
    expect(await codeOf(month13)).toBe("AccessDenied");
  });
});
