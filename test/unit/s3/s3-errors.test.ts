/**
 * S3's error catalogue against S3's own list (as botocore's S3 model documents it), the
 * XML error body's shape, what botocore reads out of it, and the bodiless HEAD and 304.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  errorXml,
  S3_ERRORS,
  S3Error,
  type S3ErrorCode,
  s3ErrorResponse,
} from "../../../shared/s3/s3-errors";
import { readXml } from "../../../shared/s3/xml-reader";
import { documentedS3Errors, ensureBotocore, parseWithBotocore } from "./botocore";

/** The statuses the gateway relies on, as the brief for the gateway lists them. */
const EXPECTED: Record<S3ErrorCode, number> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidChunkSizeError: 403,
  InvalidDigest: 400,
  InvalidObjectState: 403,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedXML: 400,
  MaxMessageLengthExceeded: 400,
  MetadataTooLarge: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  MissingSecurityHeader: 400,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  NotModified: 304,
  OperationAborted: 409,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
  SlowDown: 503,
  XAmzContentSHA256Mismatch: 400,
};

/** Codes S3 answers that its documented list leaves out (or lists without a status). */
const UNLISTED = new Set([
  "AuthorizationQueryParametersError",
  "BucketAlreadyOwnedByYou",
  "InvalidChunkSizeError",
  "NotModified",
  "XAmzContentSHA256Mismatch",
]);

/** Codes whose default message is the one S3 answers at run time, not the list's prose. */
const OWN_MESSAGE = new Set([
  "InvalidAccessKeyId",
  "InvalidRequest",
  "MalformedXML",
  "SignatureDoesNotMatch",
]);

const codes = Object.keys(S3_ERRORS) as S3ErrorCode[];

describe("the catalogue", () => {
  let documented: ReturnType<typeof documentedS3Errors>;
  beforeAll(() => {
    ensureBotocore();
    documented = documentedS3Errors();
  });

  it("reads S3's list from botocore's model", () => {
    expect(Object.keys(documented).length).toBeGreaterThan(50);
    expect(documented.NoSuchKey).toEqual({
      status: 404,
      description: "The specified key does not exist.",
    });
  });

  it("answers every code S3 documents with S3's status and description", () => {
    for (const code of codes) {
      if (UNLISTED.has(code)) {
        expect(documented[code], code).toBeUndefined();
        continue;
      }
      const doc = documented[code];
      expect(doc, `${code} is in S3's list`).toBeDefined();
      expect(S3_ERRORS[code][0], code).toBe(doc?.status);
      if (!OWN_MESSAGE.has(code)) expect(S3_ERRORS[code][1], code).toBe(doc?.description);
    }
  });

  it("has exactly the codes and statuses the gateway relies on", () => {
    expect(Object.fromEntries(codes.map((c) => [c, S3_ERRORS[c][0]]))).toEqual(EXPECTED);
  });

  it("gives an S3Error its code's status and default message", () => {
    for (const code of codes) {
      const error = new S3Error(code);
      expect(error.status).toBe(EXPECTED[code]);
      expect(error.message).toBe(S3_ERRORS[code][1]);
      expect(error).toBeInstanceOf(Error);
    }
    expect(new S3Error("NoSuchKey", "gone").message).toBe("gone");
  });
});

describe("errorXml", () => {
  const error = new S3Error("InvalidArgument", "max-keys <must> be & integer", {
    details: { ArgumentName: "max-keys", ArgumentValue: "-1" },
  }).withResource("/photos");

  it("writes Code, Message, the details, Resource, RequestId and HostId, without a namespace", () => {
    const xml = errorXml(error, "req-1", "host-1");
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code>' +
        "<Message>max-keys &lt;must&gt; be &amp; integer</Message>" +
        "<ArgumentName>max-keys</ArgumentName><ArgumentValue>-1</ArgumentValue>" +
        "<Resource>/photos</Resource><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>",
    );
    expect(readXml(xml).children.map((c) => [c.name, c.text])).toEqual([
      ["Code", "InvalidArgument"],
      ["Message", "max-keys <must> be & integer"],
      ["ArgumentName", "max-keys"],
      ["ArgumentValue", "-1"],
      ["Resource", "/photos"],
      ["RequestId", "req-1"],
      ["HostId", "host-1"],
    ]);
  });

  it("repeats the request id as HostId by default and leaves Resource empty when unset", () => {
    const xml = errorXml(new S3Error("InternalError"), "req-2");
    expect(xml).toContain(
      "<Resource></Resource><RequestId>req-2</RequestId><HostId>req-2</HostId>",
    );
  });

  it("is read by botocore: code, message, details, and the ids (moved to ResponseMetadata)", async () => {
    ensureBotocore();
    const response = s3ErrorResponse(
      new S3Error("NoSuchKey", undefined, { details: { Key: "a b&c" } }).withResource("/b/a b&c"),
      "req-3",
      "GET",
    );
    const parsed = parseWithBotocore({
      operation: "GetObject",
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    });
    expect(parsed.Error).toEqual({
      Code: "NoSuchKey",
      Message: "The specified key does not exist.",
      Key: "a b&c",
      Resource: "/b/a b&c",
    });
    expect(parsed.ResponseMetadata).toMatchObject({
      RequestId: "req-3",
      HostId: "req-3",
      HTTPStatusCode: 404,
    });
  });
});

describe("s3ErrorResponse", () => {
  it("answers the status, S3's headers and the XML body", async () => {
    const response = s3ErrorResponse(new S3Error("SignatureDoesNotMatch"), "req-4", "PUT");
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(response.headers.get("x-amz-request-id")).toBe("req-4");
    expect(response.headers.get("x-amz-id-2")).toBe("req-4");
    expect(readXml(await response.text()).name).toBe("Error");
  });

  it("adds the error's own headers", () => {
    const error = new S3Error("InvalidRange", undefined, {
      headers: { "content-range": "bytes */10" },
    });
    const response = s3ErrorResponse(error, "req-5", "GET");
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */10");
  });

  it("answers a HEAD without a body, as S3 does", async () => {
    for (const method of ["HEAD", "head"]) {
      const response = s3ErrorResponse(new S3Error("NoSuchKey"), "req-6", method);
      expect(response.status).toBe(404);
      expect(response.body).toBeNull();
      expect(await response.text()).toBe("");
      expect(response.headers.get("x-amz-request-id")).toBe("req-6");
      expect(response.headers.get("content-type")).toBeNull();
    }
  });

  it("answers a 304 without a body, whatever the method", async () => {
    const response = s3ErrorResponse(new S3Error("NotModified"), "req-7", "GET");
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
  });
});
