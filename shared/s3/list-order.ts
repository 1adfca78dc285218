/**
 * Continuing a listing: ListObjectsV2's continuation token is the last key (or common
 * prefix) a page answered, base64url-encoded behind a version tag, so it is opaque to
 * clients and a token from elsewhere is refused rather than misread. And S3's URL encoding
 * of keys in listings (`encoding-type=url`): every byte but the unreserved ones and `/` is
 * percent-encoded, so `+` and spaces survive clients that decode with `unquote_plus`.
 */
import { S3Error } from "./s3-errors";

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
  const invalid = new S3Error("InvalidArgument", "The continuation token provided is incorrect");
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

/** `text` URL-encoded as S3 encodes keys and prefixes in listings. */
export function s3UrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%2F", "/");
}
