/**
 * The canonical request of AWS Signature Version 4 as S3 builds it: the method, the path
 * (S3 signs it as sent, each segment URI-encoded once — never normalised, never encoded
 * twice), the query with every name and value URI-encoded and sorted, the signed headers
 * as `name:value` lines (values trimmed, inner whitespace folded to one space), the list
 * of signed header names, and the payload's hash.
 */

/** What one canonical request is made of. */
export interface CanonicalParts {
  method: string;
  /** The canonical URI: the encoded path. */
  path: string;
  /** The canonical query string. */
  query: string;
  headers: Headers;
  /** Lowercase header names, in the order the signature lists them. */
  signedHeaders: readonly string[];
  payloadHash: string;
}

/** The canonical request, as the string whose SHA-256 is signed. */
export function canonicalRequest(parts: CanonicalParts): string {
  const lines = parts.signedHeaders
    .map((name) => `${name}:${canonicalHeaderValue(parts.headers.get(name) ?? "")}\n`)
    .join("");
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.query,
    lines,
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
}

/**
 * The canonical URIs a request's path may have been signed as: first the path exactly as
 * the URL holds it (what botocore, the AWS SDKs and S3 sign), then — when it differs — the
 * same path with each segment's encoding made canonical (`%7E` → `~`, a raw `!` → `%21`,
 * `%2f` → `%2F`), for clients whose wire encoding is looser than their signing. Both name
 * the same segments, so neither widens what a signature grants.
 */
export function canonicalPaths(url: URL): string[] {
  const sent = url.pathname === "" ? "/" : url.pathname;
  const normalised = sent.split("/").map(canonicalEncoding).join("/");
  return normalised === sent ? [sent] : [sent, normalised];
}

/**
 * The canonical query string: each name and value re-encoded canonically, sorted by name
 * and then by value, `name=value` joined by `&` (a bare name is `name=`). `omit` (the
 * presigned URL's own `X-Amz-Signature`) is left out.
 */
export function canonicalQuery(url: URL, omit: string | null): string {
  const pairs: [string, string][] = [];
  for (const part of url.search.slice(1).split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = canonicalEncoding(eq === -1 ? part : part.slice(0, eq));
    if (name === omit) continue;
    pairs.push([name, eq === -1 ? "" : canonicalEncoding(part.slice(eq + 1))]);
  }
  pairs.sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/** A header value as SigV4 signs it: trimmed, each run of whitespace one space. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/** SigV4's URI encoding of text: UTF-8, every byte but `A-Z a-z 0-9 - _ . ~` as `%XX`. */
export function uriEncode(text: string): string {
  let out = "";
  for (const byte of utf8.encode(text)) out += encodedByte(byte);
  return out;
}

const utf8 = new TextEncoder();
const HEX_DIGITS = /^[0-9A-Fa-f]{2}$/;

/**
 * `raw` (percent-encoded as it came) re-encoded canonically, byte for byte: a valid `%XX`
 * stands for its byte, any other character for its UTF-8 bytes, and every byte is written
 * as `uriEncode` writes it. Byte-wise, so an escape of a byte that is no UTF-8 on its own
 * survives unchanged.
 */
function canonicalEncoding(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; ) {
    const hex = raw.slice(i + 1, i + 3);
    if (raw[i] === "%" && HEX_DIGITS.test(hex)) {
      out += encodedByte(Number.parseInt(hex, 16));
      i += 3;
      continue;
    }
    const codePoint = raw.codePointAt(i) as number;
    const char = String.fromCodePoint(codePoint);
    out += uriEncode(char);
    i += char.length;
  }
  return out;
}

function encodedByte(byte: number): string {
  const unreserved =
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x7e; // ~
  return unreserved
    ? String.fromCharCode(byte)
    : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** Byte order of two ASCII strings (canonical encodings are ASCII). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
