/**
 * Continuing a listing, and keys as listings write them.
 *
 * ListObjectsV2's continuation token is the last key (or common prefix) a page answered,
 * as UTF-8, base64url-encoded behind a version tag: URL-safe (clients send it back in a
 * query string), opaque to clients, and a token from elsewhere is refused rather than
 * misread.
 *
 * S3's URL encoding of keys in listings (`encoding-type=url`): every UTF-8 byte but
 * RFC 3986's unreserved characters and `/` is percent-encoded, with uppercase hex. A space
 * is `%20`. S3 itself has been seen answering `+` for a space; both read back as a space
 * with every decoder clients use on listings (botocore's `unquote_plus`, Go's
 * `url.QueryUnescape`), while `%20` also survives a decoder that does not know the `+`
 * convention. A literal `+` is always `%2B`, so it never reads back as a space.
 */
import { S3Error } from "./s3-errors";

/** Starts every token this endpoint gives; a later format would take another tag. */
const TOKEN_TAG = "k1.";

/** The token that continues a listing after `lastKey`. */
export function encodeContinuationToken(lastKey: string): string {
  const bytes = new TextEncoder().encode(lastKey);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return TOKEN_TAG + btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The key a token continues after; `InvalidArgument` for a token this endpoint did not give. */
export function decodeContinuationToken(token: string): string {
  const invalid = new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
    details: { ArgumentName: "continuation-token", ArgumentValue: token },
  });
  if (!token.startsWith(TOKEN_TAG) || !/^[A-Za-z0-9_-]*$/.test(token.slice(TOKEN_TAG.length)))
    throw invalid;
  try {
    const binary = atob(token.slice(TOKEN_TAG.length).replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    throw invalid;
  }
}

/** Each byte as a listing writes it: itself when unreserved (RFC 3986) or `/`, else `%XX`. */
const ENCODED_BYTE = Array.from({ length: 256 }, (_, byte) => {
  const c = String.fromCharCode(byte);
  return /^[A-Za-z0-9\-._~/]$/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
});

/**
 * `text` URL-encoded as S3 encodes keys, prefixes, delimiters and markers in listings under
 * `encoding-type=url`. A lone surrogate (which no key decoded from UTF-8 holds) is encoded
 * as U+FFFD rather than thrown on.
 */
export function s3UrlEncode(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) out += ENCODED_BYTE[byte];
  return out;
}
