/**
 * The WebCrypto pieces of AWS Signature Version 4: SHA-256 in hex, HMAC-SHA256, the
 * derived signing key (`AWS4` + secret → date → region → service → `aws4_request`), cached
 * per secret, day, region and service so a busy isolate derives it once a day, and a
 * comparison of signatures that takes the same time wherever they differ.
 */
import { hexOf } from "../hex";
import type { HmacKey } from "./sigv4-types";

/** Derived keys kept per isolate; past it, the least recently used goes first. */
export const MAX_CACHED_SIGNING_KEYS = 64;

const encoder = new TextEncoder();
const signingKeys = new Map<string, Promise<HmacKey>>();

/** The SHA-256 of `data` as 64 lowercase hex digits. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return hexOf(
    await crypto.subtle.digest("SHA-256", typeof data === "string" ? encoder.encode(data) : data),
  );
}

function hmacKey(raw: ArrayBuffer | Uint8Array): Promise<HmacKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

async function hmac(key: HmacKey, text: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign("HMAC", key, encoder.encode(text));
}

/** HMAC-SHA256 of `text` under `key`, in hex: a signature. */
export async function signHex(key: HmacKey, text: string): Promise<string> {
  return hexOf(await hmac(key, text));
}

/**
 * The signing key (kSigning) of `secret` for one day (`yyyymmdd`), region and service:
 * HMAC chained from `AWS4` + secret through the day, region, service and `aws4_request`.
 */
export function signingKey(
  secret: string,
  day: string,
  region: string,
  service: string,
): Promise<HmacKey> {
  const id = JSON.stringify([secret, day, region, service]);
  const cached = signingKeys.get(id);
  if (cached) {
    signingKeys.delete(id);
    signingKeys.set(id, cached);
    return cached;
  }
  const derived = (async () => {
    let key = await hmacKey(encoder.encode(`AWS4${secret}`));
    for (const part of [day, region, service, "aws4_request"])
      key = await hmacKey(await hmac(key, part));
    return key;
  })();
  signingKeys.set(id, derived);
  if (signingKeys.size > MAX_CACHED_SIGNING_KEYS)
    signingKeys.delete(signingKeys.keys().next().value as string);
  derived.catch(() => signingKeys.delete(id));
  return derived;
}

/** Whether two hex signatures are equal, in time independent of where they differ. */
export function sameSignature(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
