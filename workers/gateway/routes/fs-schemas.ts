/** Zod schemas shared by the file-system routes, so `/openapi.json` documents them once. */
import { z } from "@hono/zod-openapi";
import { MAX_NAME_LENGTH } from "../../../shared/fs/limits";
import type { FileStat } from "../../../shared/fs/types";
import { problemResponseSpec } from "../problem-schema";

/** How a file or directory path is written in a URL, for the `{path}` parameter. */
export const FS_PATH_DESCRIPTION =
  "The path inside the volume, the whole rest of the URL, slashes included " +
  "(`isos/big.iso`). Segments are UTF-8, at most 255 bytes each, never `.`, `..` or empty; " +
  "at most 4 KiB and 64 segments in all. Percent-encode any byte that a URL cannot carry.";

/** `{volume}` in a path. */
export const VolumeParam = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "volume names are a-z, 0-9 and inner dashes")
  .max(MAX_NAME_LENGTH)
  .openapi({ param: { name: "volume", in: "path" }, example: "default" });

/** `{path}` at the end of a path: the rest of the URL. */
export const PathParam = z
  .string()
  .min(1)
  .openapi({
    param: { name: "path", in: "path", description: FS_PATH_DESCRIPTION },
    example: "isos/big.iso",
  });

/** The namespace path of a `{path}` parameter (the URL carries it without the leading slash). */
export function pathOf(param: string): string {
  return `/${param}`;
}

/** What a file write answers, and what `HEAD` says in headers. */
export const FileWrittenSchema = z
  .object({
    path: z.string().openapi({ example: "/isos/big.iso" }),
    size: z.number().int().openapi({ example: 734_003_200 }),
    sha256: z.string().nullable(),
    etag: z.string().openapi({ example: "9f86d081884c7d65-12" }),
    version: z.number().int().openapi({ example: 1 }),
    mtime: z.number().int().openapi({ description: "Milliseconds since the epoch" }),
  })
  .openapi("FileWritten");

/** The body of a file write's answer. */
export function fileWritten(path: string, file: FileStat): z.infer<typeof FileWrittenSchema> {
  const { size, sha256, etag, version, mtime } = file;
  return { path, size, sha256, etag, version, mtime };
}

/** One entry of a directory listing. */
export const EntrySchema = z
  .object({
    name: z.string(),
    type: z.enum(["file", "dir"]),
    size: z.number().int(),
    mtime: z.number().int(),
    etag: z.string(),
  })
  .openapi("DirEntry");

/** Error responses every file-system route may give. */
export const fsErrors = {
  400: problemResponseSpec("Invalid path or request"),
  401: problemResponseSpec("Missing or wrong bearer token"),
  404: problemResponseSpec("No such volume, file or directory"),
  409: problemResponseSpec("A file where a directory is needed, or the other way round"),
  503: problemResponseSpec("The volume's group or ring cannot serve now"),
};

/** The entity tag of `etag` as HTTP sends it (quoted). */
export function quotedEtag(etag: string): string {
  return `"${etag}"`;
}

/**
 * The etag an `If-Match` header (or an `ifMatch` field) names, quotes and a weak prefix
 * dropped; undefined when absent. The namespace matches etags only, so `*` matches nothing.
 */
export function ifMatchOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  return value.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
