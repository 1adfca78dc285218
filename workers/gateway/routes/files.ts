/**
 * Files of a volume: `PUT` streams the body into chunks in the volume's ring and then
 * commits the manifest through the volume's group, so readers see the old file or the new
 * one, never a part; `GET` streams the chunks back in order (only those a `Range` needs,
 * each verified); `HEAD` answers the metadata; `DELETE` removes the file. `If-Match` and
 * `If-None-Match: *` make a write conditional (412 when the condition fails).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { parseRange } from "../../../shared/fs/byte-range";
import type { FileStat } from "../../../shared/fs/types";
import { writeFile } from "../../fs/file-writer";
import { fsCall } from "../../fs/namespace-calls";
import { readStream } from "../../fs/read-stream";
import { announcedLength } from "../../fs/store-stream";
import { resolveVolume, type VolumeRef } from "../../fs/volume-directory";
import type { ApiApp } from "../api-app";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { restOfPath } from "../rest-of-path";
import {
  FileWrittenSchema,
  fileWritten,
  fsErrors,
  ifMatchOf,
  PathParam,
  pathOf,
  quotedEtag,
  VolumeParam,
} from "./fs-schemas";

const FileParams = z.object({ volume: VolumeParam, path: PathParam });
const Conditions = z.object({
  "if-match": z.string().optional().openapi({ description: "Write only over this etag" }),
  "if-none-match": z
    .literal("*")
    .optional()
    .openapi({ description: "`*`: write only if nothing exists at the path" }),
});
const fieldOf = (field: string) => (field === "op.path" ? "param.path" : undefined);

const putFile = createRoute({
  method: "put",
  path: "/v1/volumes/{volume}/files/{path}",
  summary: "Write a file from the raw request body (streamed; visible once complete)",
  tags: ["fs"],
  request: {
    params: FileParams,
    headers: Conditions,
    body: {
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
      required: true,
    },
  },
  responses: {
    201: {
      description: "Written",
      content: { "application/json": { schema: FileWrittenSchema } },
    },
    ...fsErrors,
    412: problemResponseSpec("If-Match or If-None-Match failed; nothing changed"),
    413: problemResponseSpec("Larger than one request may carry; use an upload session"),
    415: problemResponseSpec("A JSON body; files are sent as raw bytes"),
  },
});

const getFile = createRoute({
  method: "get",
  path: "/v1/volumes/{volume}/files/{path}",
  summary: "Read a file (streamed; `Range: bytes=a-b` answers 206)",
  tags: ["fs"],
  request: {
    params: FileParams,
    headers: z.object({ range: z.string().optional().openapi({ example: "bytes=0-1023" }) }),
  },
  responses: {
    200: {
      description: "The file's bytes",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    206: { description: "The bytes of the range asked for" },
    ...fsErrors,
    416: problemResponseSpec("The range starts past the end of the file"),
  },
});

const headFile = createRoute({
  method: "head",
  path: "/v1/volumes/{volume}/files/{path}",
  summary: "A file's metadata as headers (size, ETag, Last-Modified)",
  tags: ["fs"],
  request: { params: FileParams },
  responses: { 200: { description: "The file exists" }, ...fsErrors },
});

const deleteFile = createRoute({
  method: "delete",
  path: "/v1/volumes/{volume}/files/{path}",
  summary: "Delete a file",
  tags: ["fs"],
  request: { params: FileParams, headers: Conditions.pick({ "if-match": true }) },
  responses: {
    200: {
      description: "Deleted",
      content: {
        "application/json": {
          schema: z.object({ path: z.string(), revision: z.number().int() }),
        },
      },
    },
    ...fsErrors,
    412: problemResponseSpec("If-Match failed; nothing changed"),
  },
});

/** Adds the file routes. */
export function registerFileRoutes(app: ApiApp): void {
  app.openapi(restOfPath(app, putFile, "path"), async (c) => {
    const { volume: name, path: param } = c.req.valid("param");
    const path = pathOf(param);
    const conditions = c.req.valid("header");
    if ((c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      throw new ProblemError(
        "unsupported-media-type",
        "a file is sent as raw bytes: use application/octet-stream (or any non-JSON type)",
      );
    }
    const ifMatch = conditionalEtag(conditions["if-match"]);
    const volume = await resolveVolume(c.env, name);
    const expectedSize = announcedLength(c.req.raw);
    const written = await writeFile(c.env, volume, path, c.req.raw.body, {
      fieldOf,
      ...(expectedSize !== undefined && { expectedSize }),
      ...(ifMatch !== undefined && { ifMatch }),
      ...(conditions["if-none-match"] && { ifNoneMatch: "*" as const }),
    });
    c.header("etag", quotedEtag(written.etag));
    return c.json(fileWritten(written.path, written), 201);
  });

  app.openapi(restOfPath(app, getFile, "path"), async (c) => {
    const { volume: name, path: param } = c.req.valid("param");
    const path = pathOf(param);
    const volume = await resolveVolume(c.env, name);
    const file = await statFile(c.env, volume, path);
    setFileHeaders(c, file);
    const range = parseRange(c.req.valid("header").range, file.size);
    if (range === "unsatisfiable") {
      throw new ProblemError(
        "range-not-satisfiable",
        `the file has ${file.size} bytes; the range starts past its end`,
        { headers: { "content-range": `bytes */${file.size}` } },
      );
    }
    const body = readStream(c.env, volume.ring, file.chunks, range);
    if (range === null) {
      return c.body(body, 200, { "content-length": String(file.size) });
    }
    return c.body(body, 206, {
      "content-length": String(range.end - range.start + 1),
      "content-range": `bytes ${range.start}-${range.end}/${file.size}`,
    });
  });

  app.openapi(restOfPath(app, headFile, "path"), async (c) => {
    const { volume: name, path: param } = c.req.valid("param");
    const path = pathOf(param);
    const volume = await resolveVolume(c.env, name);
    const file = await statFile(c.env, volume, path);
    setFileHeaders(c, file);
    return c.body(null, 200, { "content-length": String(file.size) });
  });

  app.openapi(restOfPath(app, deleteFile, "path"), async (c) => {
    const { volume: name, path: param } = c.req.valid("param");
    const path = pathOf(param);
    const ifMatch = conditionalEtag(c.req.valid("header")["if-match"]);
    const volume = await resolveVolume(c.env, name);
    await statFile(c.env, volume, path);
    const deleted = await fsCall(
      c.env,
      volume.group,
      volume.name,
      { kind: "delete", path, recursive: false, ...(ifMatch !== undefined && { ifMatch }) },
      { write: true, fieldOf },
    );
    return c.json({ path: deleted.path, revision: deleted.revision }, 200);
  });
}

/** The file at `path`; 404 when nothing is there, 409 when it is a directory. */
async function statFile(env: Env, volume: VolumeRef, path: string): Promise<FileStat> {
  const found = await fsCall(
    env,
    volume.group,
    volume.name,
    { kind: "stat", path },
    {
      write: false,
      fieldOf,
    },
  );
  if (found.stat.type !== "file") {
    throw new ProblemError("conflict", `"${found.path}" is a directory; list it under /dirs/`, {
      field: "param.path",
    });
  }
  return found.stat;
}

function setFileHeaders(c: Context, file: FileStat): void {
  c.header("etag", quotedEtag(file.etag));
  c.header("last-modified", new Date(file.mtime).toUTCString());
  c.header("accept-ranges", "bytes");
  c.header("content-type", "application/octet-stream");
  if (file.sha256) c.header("edgeos-sha256", file.sha256);
}

/** The etag of an `If-Match` header; `*` is refused (400), as the namespace matches etags. */
function conditionalEtag(header: string | undefined): string | undefined {
  if (header?.trim() === "*") {
    throw new ProblemError("bad-request", "If-Match: * is not supported; send the file's etag", {
      field: "header.if-match",
    });
  }
  return ifMatchOf(header);
}
