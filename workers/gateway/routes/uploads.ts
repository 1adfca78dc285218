/**
 * Upload sessions, for files larger than one request may carry (100 MB on the free plan):
 * open a session for a path, send parts of up to `MAX_CHUNKS_PER_COMMAND` chunks each in
 * any order (a part sent again replaces itself), then complete it — the parts in number
 * order become the file in one atomic commit — or abort it. A session left open expires
 * after its time to live and its chunks are collected.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  MAX_CHUNKS_PER_COMMAND,
  MAX_UPLOAD_PARTS,
  MAX_UPLOAD_TTL_MS,
} from "../../../shared/fs/limits";
import { fsCall } from "../../fs/namespace-calls";
import { announcedLength, storeStream } from "../../fs/store-stream";
import { resolveVolume } from "../../fs/volume-directory";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { problemResponseSpec } from "../problem-schema";
import {
  FileWrittenSchema,
  fileWritten,
  fsErrors,
  ifMatchOf,
  quotedEtag,
  VolumeParam,
} from "./fs-schemas";

/** A session's time to live when none is asked for. */
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

const UploadId = z
  .string()
  .min(1)
  .max(128)
  .openapi({ param: { name: "id", in: "path" } });
const SessionParams = z.object({ volume: VolumeParam, id: UploadId });
const fieldOf = (field: string) =>
  field.startsWith("op.")
    ? `body.${field.slice(3)}`
    : field === "volume"
      ? "param.volume"
      : undefined;

const SessionSchema = z
  .object({
    id: z.string(),
    path: z.string(),
    expiresAt: z.number().int(),
    parts: z.array(z.number().int()),
  })
  .openapi("UploadSession");

const open = createRoute({
  method: "post",
  path: "/v1/volumes/{volume}/uploads",
  summary: "Open an upload session for a large file",
  tags: ["fs"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ volume: VolumeParam }),
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              path: z.string().openapi({ example: "/isos/big.iso" }),
              ttlSeconds: z
                .number()
                .int()
                .min(1)
                .max(MAX_UPLOAD_TTL_MS / 1000)
                .default(DEFAULT_SESSION_TTL_SECONDS),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    201: { description: "Opened", content: { "application/json": { schema: SessionSchema } } },
    ...fsErrors,
  },
});

const putPart = createRoute({
  method: "put",
  path: "/v1/volumes/{volume}/uploads/{id}/parts/{part}",
  summary: "Send one part of a session (raw bytes, streamed)",
  tags: ["fs"],
  request: {
    params: SessionParams.extend({
      part: z.coerce.number().int().min(1).max(MAX_UPLOAD_PARTS),
    }),
    body: {
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
      required: true,
    },
  },
  responses: {
    200: {
      description: "Stored",
      content: {
        "application/json": {
          schema: z.object({
            id: z.string(),
            part: z.number().int(),
            size: z.number().int(),
            parts: z.number().int(),
          }),
        },
      },
    },
    ...fsErrors,
    413: problemResponseSpec(`A part of more than ${MAX_CHUNKS_PER_COMMAND} chunks`),
  },
});

const complete = createRoute({
  method: "post",
  path: "/v1/volumes/{volume}/uploads/{id}/complete",
  summary: "Commit a session's parts, in number order, as the file (atomic)",
  tags: ["fs"],
  middleware: [jsonBody()] as const,
  request: {
    params: SessionParams,
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              size: z.number().int().min(0).optional(),
              sha256: z.string().optional(),
              ifMatch: z.string().optional(),
              ifNoneMatch: z.literal("*").optional(),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    201: {
      description: "Committed",
      content: { "application/json": { schema: FileWrittenSchema } },
    },
    ...fsErrors,
    412: problemResponseSpec("ifMatch or ifNoneMatch failed; the session stays open"),
  },
});

const abort = createRoute({
  method: "delete",
  path: "/v1/volumes/{volume}/uploads/{id}",
  summary: "Abort a session; its chunks are collected",
  tags: ["fs"],
  request: { params: SessionParams },
  responses: {
    200: {
      description: "Aborted",
      content: { "application/json": { schema: z.object({ id: z.string() }) } },
    },
    ...fsErrors,
  },
});

/** Adds the upload-session routes. */
export function registerUploadRoutes(app: ApiApp): void {
  app.openapi(open, async (c) => {
    const volume = await resolveVolume(c.env, c.req.valid("param").volume);
    const { path, ttlSeconds } = c.req.valid("json");
    const opened = await fsCall(
      c.env,
      volume.group,
      volume.name,
      {
        kind: "beginUpload",
        id: crypto.randomUUID(),
        path,
        expiresAt: Date.now() + ttlSeconds * 1000,
      },
      { write: true, fieldOf },
    );
    return c.json(
      { id: opened.id, path: opened.path, expiresAt: opened.expiresAt, parts: opened.parts },
      201,
    );
  });

  app.openapi(putPart, async (c) => {
    const { volume: name, id, part } = c.req.valid("param");
    const volume = await resolveVolume(c.env, name);
    const expectedSize = announcedLength(c.req.raw);
    const stored = await storeStream(c.env, volume.ring, c.req.raw.body ?? new ReadableStream(), {
      maxChunks: MAX_CHUNKS_PER_COMMAND,
      ...(expectedSize !== undefined && { expectedSize }),
    });
    const recorded = await fsCall(
      c.env,
      volume.group,
      volume.name,
      { kind: "putPart", id, part, size: stored.size, chunks: stored.chunks },
      { write: true, fieldOf },
    );
    return c.json({ id, part, size: recorded.size, parts: recorded.parts }, 200);
  });

  app.openapi(complete, async (c) => {
    const { volume: name, id } = c.req.valid("param");
    const volume = await resolveVolume(c.env, name);
    const body = c.req.valid("json");
    const ifMatch = ifMatchOf(body.ifMatch);
    const committed = await fsCall(
      c.env,
      volume.group,
      volume.name,
      {
        kind: "completeUpload",
        id,
        ...(body.size !== undefined && { size: body.size }),
        ...(body.sha256 !== undefined && { sha256: body.sha256 }),
        ...(ifMatch !== undefined && { ifMatch }),
        ...(body.ifNoneMatch && { ifNoneMatch: body.ifNoneMatch }),
      },
      { write: true, fieldOf },
    );
    c.header("etag", quotedEtag(committed.file.etag));
    return c.json(fileWritten(committed.path, committed.file), 201);
  });

  app.openapi(abort, async (c) => {
    const { volume: name, id } = c.req.valid("param");
    const volume = await resolveVolume(c.env, name);
    await fsCall(
      c.env,
      volume.group,
      volume.name,
      { kind: "abortUpload", id },
      { write: true, fieldOf },
    );
    return c.json({ id }, 200);
  });
}
