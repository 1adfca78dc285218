/**
 * What a SigV4-signed request claims — who signed it, for which day, region and service,
 * which headers, at what time, with which signature — read from the `Authorization`
 * header or from a presigned URL's `X-Amz-*` query parameters, with S3's error for each
 * way the claim can be malformed.
 */
import { parseHttpDate } from "./s3-dates";
import type { SigV4FailureCode } from "./sigv4-types";

/** The only signing algorithm accepted. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** Longest life of a presigned URL (S3's bound: seven days). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

/** The signature of a presigned URL, which its canonical query leaves out. */
export const PRESIGNED_SIGNATURE_PARAM = "X-Amz-Signature";

/** A refusal, as the verdict carries it. */
export interface SigV4Failure {
  ok: false;
  code: SigV4FailureCode;
  message: string;
}

/** The parts of a signature. */
export interface SigV4Claim {
  accessKey: string;
  /** `yyyymmdd` of the credential scope. */
  day: string;
  region: string;
  /** Lowercase names, in the order the signature lists them. */
  signedHeaders: string[];
  /** 64 lowercase hex digits. */
  signature: string;
  /** The request time as signed, `yyyyMMddTHHmmssZ`. */
  amzDate: string;
  /** Seconds a presigned URL lives; null for the header form. */
  expires: number | null;
}

const SIGNATURE_HEX = /^[0-9a-f]{64}$/;
const SIGNING_DAY = /^\d{8}$/;
const EXPIRES = /^\d{1,6}$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;
const ZERO_OFFSET = / [+-]0000$/;

/** The claim of `request`; a failure when it is malformed or there is none (anonymous). */
export function claimOf(url: URL, headers: Headers): SigV4Claim | SigV4Failure {
  const header = headers.get("authorization");
  const query = url.searchParams;
  const presigned = query.has("X-Amz-Algorithm") || query.has(PRESIGNED_SIGNATURE_PARAM);
  if (header !== null && presigned) {
    return failure(
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified",
    );
  }
  if (header !== null) return headerClaim(header, headers);
  if (presigned) return queryClaim(query);
  return failure("AccessDenied", "Anonymous access is refused");
}

function headerClaim(header: string, headers: Headers): SigV4Claim | SigV4Failure {
  if (!header.startsWith(`${SIGV4_ALGORITHM} `)) {
    return failure("InvalidRequest", `only ${SIGV4_ALGORITHM} signatures are accepted`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(SIGV4_ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const amzDate = headers.get("x-amz-date") ?? amzDateOfHttpDate(headers.get("date"));
  if (amzDate === null) {
    return failure("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  }
  return claimFrom(
    {
      credential: fields.get("Credential"),
      signedHeaders: fields.get("SignedHeaders"),
      signature: fields.get("Signature"),
      amzDate: amzDate.trim(),
      expires: null,
    },
    "AuthorizationHeaderMalformed",
  );
}

function queryClaim(query: URLSearchParams): SigV4Claim | SigV4Failure {
  if (query.get("X-Amz-Algorithm") !== SIGV4_ALGORITHM) {
    return failure(
      "AuthorizationQueryParametersError",
      `X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}"`,
    );
  }
  const expires = query.get("X-Amz-Expires") ?? "";
  if (
    !EXPIRES.test(expires) ||
    Number(expires) < 1 ||
    Number(expires) > MAX_PRESIGNED_EXPIRES_SECONDS
  ) {
    return failure(
      "AuthorizationQueryParametersError",
      `X-Amz-Expires must be from 1 to ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`,
    );
  }
  return claimFrom(
    {
      credential: query.get("X-Amz-Credential") ?? undefined,
      signedHeaders: query.get("X-Amz-SignedHeaders") ?? undefined,
      signature: query.get(PRESIGNED_SIGNATURE_PARAM) ?? undefined,
      amzDate: query.get("X-Amz-Date") ?? "",
      expires: Number(expires),
    },
    "AuthorizationQueryParametersError",
  );
}

/** The fields of either form, checked. */
function claimFrom(
  fields: {
    credential: string | undefined;
    signedHeaders: string | undefined;
    signature: string | undefined;
    amzDate: string;
    expires: number | null;
  },
  malformed: SigV4FailureCode,
): SigV4Claim | SigV4Failure {
  const parts = fields.credential?.split("/") ?? [];
  const [accessKey = "", day = "", region = "", service = "", terminal] = parts;
  if (
    parts.length !== 5 ||
    accessKey === "" ||
    region === "" ||
    terminal !== "aws4_request" ||
    !SIGNING_DAY.test(day)
  ) {
    return failure(malformed, "the Credential must be ACCESS_KEY/yyyymmdd/region/s3/aws4_request");
  }
  if (service !== "s3") {
    return failure(malformed, `the credential's service must be s3, not ${service}`);
  }
  if (!fields.signedHeaders) return failure(malformed, "SignedHeaders is required");
  if (!fields.signature || !SIGNATURE_HEX.test(fields.signature)) {
    return failure(malformed, "Signature must be 64 lowercase hex digits");
  }
  return {
    accessKey,
    day,
    region,
    signedHeaders: fields.signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature: fields.signature,
    amzDate: fields.amzDate,
    expires: fields.expires,
  };
}

/**
 * An HTTP `Date` header as SigV4's `yyyyMMddTHHmmssZ`; null when absent or unreadable.
 * RFC 2822's zero offsets (`+0000`, `-0000`, as Python's `formatdate` writes) count as GMT.
 */
function amzDateOfHttpDate(date: string | null): string | null {
  const ms = date === null ? null : parseHttpDate(date.trim().replace(ZERO_OFFSET, " GMT"));
  return ms === null ? null : amzDateOf(ms);
}

/** `ms` as SigV4's `yyyyMMddTHHmmssZ`. */
function amzDateOf(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** `yyyyMMddTHHmmssZ` as milliseconds; null when malformed or no real time (month 13). */
export function msOfAmzDate(text: string): number | null {
  if (!AMZ_DATE.test(text)) return null;
  const ms = Date.parse(
    `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`,
  );
  return Number.isNaN(ms) || amzDateOf(ms) !== text ? null : ms;
}

/** A refusal with `code`. */
export function failure(code: SigV4FailureCode, message: string): SigV4Failure {
  return { ok: false, code, message };
}
