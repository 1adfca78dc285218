/**
 * File attributes — a version's content type, user metadata and writer-computed entity
 * tag — checked before they are proposed and copied when they are kept, so a stored
 * version never shares an object with a command.
 */

import { utf8Length } from "../kv/text";
import { type RpcFailure, rpcFail } from "../rpc-result";
import { MAX_ETAG_LENGTH, MAX_FILE_ATTRS_BYTES, MAX_META_NAME_LENGTH } from "./limits";
import type { FileAttrs } from "./types";

const META_NAME = /^[a-z0-9._-]+$/;
/** Printable ASCII and tabs: what an HTTP header value may carry unencoded. */
const HEADER_TEXT = /^[\t\x20-\x7e]*$/;
const ATTR_KEYS = new Set(["contentType", "meta", "contentEtag"]);

/** Null when `attrs` (a command field named `field`) is absent or well formed. */
export function attrsProblem(attrs: unknown, field: string): RpcFailure | null {
  if (attrs === undefined) return null;
  if (!attrs || typeof attrs !== "object" || Array.isArray(attrs)) {
    return invalid(field, "attrs must be an object");
  }
  for (const key of Object.keys(attrs)) {
    if (!ATTR_KEYS.has(key)) return invalid(`${field}.${key}`, `unknown attribute ${key}`);
  }
  const { contentType, meta, contentEtag } = attrs as FileAttrs;
  if (contentType !== undefined && !isHeaderText(contentType)) {
    return invalid(`${field}.contentType`, "contentType must be printable ASCII");
  }
  if (contentEtag !== undefined) {
    if (typeof contentEtag !== "string" || !/^[A-Za-z0-9-]+$/.test(contentEtag)) {
      return invalid(`${field}.contentEtag`, "contentEtag is letters, digits and dashes");
    }
    if (contentEtag.length > MAX_ETAG_LENGTH) {
      return invalid(`${field}.contentEtag`, `contentEtag is at most ${MAX_ETAG_LENGTH} long`);
    }
  }
  if (meta !== undefined) {
    if (!meta || typeof meta !== "object" || Array.isArray(meta)) {
      return invalid(`${field}.meta`, "meta must be an object of strings");
    }
    for (const [name, value] of Object.entries(meta)) {
      if (name.length > MAX_META_NAME_LENGTH || !META_NAME.test(name)) {
        return invalid(
          `${field}.meta`,
          `metadata name ${JSON.stringify(name.slice(0, 40))} must be 1 to ${MAX_META_NAME_LENGTH} of a-z 0-9 . _ -`,
        );
      }
      if (!isHeaderText(value)) {
        return invalid(`${field}.meta.${name}`, "a metadata value must be printable ASCII");
      }
    }
  }
  // Key order does not change the length, so plain JSON measures the canonical form.
  const bytes = utf8Length(JSON.stringify(attrs));
  if (bytes > MAX_FILE_ATTRS_BYTES) {
    return rpcFail(
      "payload-too-large",
      `attrs are ${bytes} bytes; at most ${MAX_FILE_ATTRS_BYTES}`,
      {
        field,
      },
    );
  }
  return null;
}

/** A deep copy of checked attributes, `base` overlaid by `over` (undefined when both are absent). */
export function mergedAttrs(base?: FileAttrs, over?: FileAttrs): FileAttrs | undefined {
  if (base === undefined && over === undefined) return undefined;
  const merged: FileAttrs = { ...base, ...over };
  if (merged.meta) merged.meta = { ...merged.meta };
  return merged;
}

function isHeaderText(value: unknown): value is string {
  return typeof value === "string" && HEADER_TEXT.test(value);
}

function invalid(field: string, detail: string): RpcFailure {
  return rpcFail("validation-failed", detail, { field });
}
