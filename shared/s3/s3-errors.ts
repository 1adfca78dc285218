/**
 * S3's error catalogue and its XML error answer. Every failure of the S3 endpoint is an
 * `S3Error` whose code is one of S3's own (clients switch on the code), answered with S3's
 * status for it and the body
 * `<Error><Code/><Message/>…details…<Resource/><RequestId/><HostId/></Error>` (no
 * namespace, as S3 writes it). A HEAD or a 304 answers without a body, as S3 does.
 *
 * Statuses and default messages are the S3 API reference's "List of error codes" (which
 * botocore's S3 model carries as the documentation of `Error.Code`; the unit tests compare
 * against it), except the messages of InvalidAccessKeyId, InvalidRequest, MalformedXML and
 * SignatureDoesNotMatch, which are what S3 answers rather than the list's prose. Not in
 * that list: `AuthorizationQueryParametersError` and `XAmzContentSHA256Mismatch` (400) and
 * `InvalidChunkSizeError` (403), what S3 answers for a bad presigned query, a payload hash
 * mismatch and a short aws-chunked chunk; `NotModified`, the code of a bodiless 304; and
 * `BucketAlreadyOwnedByYou`, listed without a status (S3 answers 409).
 */
import { el, xmlDocument } from "./xml-writer";

/** S3's error codes this endpoint answers, with their status and default message. */
export const S3_ERRORS = {
  AccessDenied: [403, "Access Denied"],
  AuthorizationHeaderMalformed: [400, "The authorization header you provided is invalid."],
  AuthorizationQueryParametersError: [400, "The authorization query parameters are malformed."],
  BadDigest: [400, "The Content-MD5 you specified did not match what we received."],
  BucketAlreadyExists: [
    409,
    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
  ],
  BucketAlreadyOwnedByYou: [409, "The bucket you tried to create already exists, and you own it."],
  BucketNotEmpty: [409, "The bucket you tried to delete is not empty."],
  EntityTooLarge: [400, "Your proposed upload exceeds the maximum allowed object size."],
  EntityTooSmall: [400, "Your proposed upload is smaller than the minimum allowed object size."],
  ExpiredToken: [400, "The provided token has expired."],
  IncompleteBody: [
    400,
    "You did not provide the number of bytes specified by the Content-Length HTTP header",
  ],
  InternalError: [500, "We encountered an internal error. Please try again."],
  InvalidAccessKeyId: [403, "The AWS access key ID you provided does not exist in our records."],
  InvalidArgument: [400, "Invalid Argument"],
  InvalidBucketName: [400, "The specified bucket is not valid."],
  InvalidChunkSizeError: [
    403,
    "Only the last chunk is allowed to have a size less than 8192 bytes",
  ],
  InvalidDigest: [400, "The Content-MD5 you specified is not valid."],
  InvalidObjectState: [403, "The action is not valid for the current state of the object."],
  InvalidPart: [
    400,
    "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.",
  ],
  InvalidPartOrder: [
    400,
    "The list of parts was not in ascending order. Parts list must be specified in order by part number.",
  ],
  InvalidRange: [416, "The requested range cannot be satisfied."],
  InvalidRequest: [400, "Invalid Request"],
  InvalidURI: [400, "Couldn't parse the specified URI."],
  KeyTooLongError: [400, "Your key is too long."],
  MalformedXML: [
    400,
    "The XML you provided was not well-formed or did not validate against our published schema.",
  ],
  MaxMessageLengthExceeded: [400, "Your request was too big."],
  MetadataTooLarge: [400, "Your metadata headers exceed the maximum allowed metadata size."],
  MethodNotAllowed: [405, "The specified method is not allowed against this resource."],
  MissingContentLength: [411, "You must provide the Content-Length HTTP header."],
  MissingSecurityHeader: [400, "Your request is missing a required header."],
  NoSuchBucket: [404, "The specified bucket does not exist."],
  NoSuchKey: [404, "The specified key does not exist."],
  NoSuchUpload: [
    404,
    "The specified multipart upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed.",
  ],
  NotImplemented: [501, "A header you provided implies functionality that is not implemented."],
  NotModified: [304, "Not Modified"],
  OperationAborted: [
    409,
    "A conflicting conditional action is currently in progress against this resource. Try again.",
  ],
  PreconditionFailed: [412, "At least one of the preconditions you specified did not hold."],
  RequestTimeTooSkewed: [
    403,
    "The difference between the request time and the server's time is too large.",
  ],
  ServiceUnavailable: [503, "Reduce your request rate."],
  SignatureDoesNotMatch: [
    403,
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  ],
  SlowDown: [503, "Reduce your request rate."],
  XAmzContentSHA256Mismatch: [
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ],
} as const satisfies Record<string, readonly [number, string]>;

/** One of S3's error codes. */
export type S3ErrorCode = keyof typeof S3_ERRORS;

/** What an S3 error may carry beyond its code and message. */
export interface S3ErrorOptions {
  /** Extra response headers (`Content-Range` on a 416, `Retry-After` on a 503). */
  headers?: Record<string, string>;
  /**
   * Extra elements of the error body, after `Message`, in insertion order: S3's own names,
   * such as `ArgumentName`/`ArgumentValue` (InvalidArgument), `Key` (NoSuchKey),
   * `BucketName` (NoSuchBucket), `UploadId` (NoSuchUpload), `Condition`
   * (PreconditionFailed), `RequestTime`/`ServerTime`/`MaxAllowedSkewMilliseconds`
   * (RequestTimeTooSkewed), `AWSAccessKeyId`, `StringToSign`, `CanonicalRequest`
   * (SignatureDoesNotMatch). botocore hands every one to the caller in `Error`.
   */
  details?: Readonly<Record<string, string>>;
}

/** A failure answered as S3's XML error. */
export class S3Error extends Error {
  /** The HTTP status of `code`, from the catalogue. */
  readonly status: number;
  /** The bucket or object path the request named, set by the front door ("" when unset). */
  resource = "";

  constructor(
    readonly code: S3ErrorCode,
    message: string = S3_ERRORS[code][1],
    readonly options: S3ErrorOptions = {},
  ) {
    super(message);
    this.name = "S3Error";
    this.status = S3_ERRORS[code][0];
  }

  /** This error, naming the resource it is about. */
  withResource(resource: string): this {
    this.resource = resource;
    return this;
  }
}

/**
 * S3's XML error body of `error`; `hostId` is what `x-amz-id-2` answers (S3's opaque id of
 * the host that served the request; this endpoint repeats the request id by default).
 */
export function errorXml(error: S3Error, requestId: string, hostId: string = requestId): string {
  const details = Object.entries(error.options.details ?? {}).map(([name, value]) =>
    el(name, value),
  );
  return xmlDocument(
    el("Error", [
      el("Code", error.code),
      el("Message", error.message),
      ...details,
      el("Resource", error.resource),
      el("RequestId", requestId),
      el("HostId", hostId),
    ]),
  );
}

/**
 * The response of `error`: its status, its extra headers, `x-amz-request-id` and
 * `x-amz-id-2`, and (as `application/xml`) the XML body — none for a HEAD or a 304, as S3
 * answers those.
 */
export function s3ErrorResponse(error: S3Error, requestId: string, method: string): Response {
  const headers = new Headers(error.options.headers);
  headers.set("x-amz-request-id", requestId);
  headers.set("x-amz-id-2", requestId);
  const bodyless = method.toUpperCase() === "HEAD" || error.status === 304;
  if (bodyless) return new Response(null, { status: error.status, headers });
  headers.set("content-type", "application/xml");
  return new Response(errorXml(error, requestId), { status: error.status, headers });
}
