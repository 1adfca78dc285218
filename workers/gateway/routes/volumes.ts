/**
 * Volumes: create one over a named consensus group (its namespace) and DHT ring (its
 * chunks), read one's counts — files, directories, bytes, distinct chunks, the dedup
 * ratio — with the chunks of its ring that have fewer copies than the ring keeps, and run
 * a garbage-collection pass over its ring; list them all; delete an empty one.
 * `default` (over the default group and ring) exists without being created and stays.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_GROUP, GROUP_NAME_PATTERN } from "../../../shared/consensus/group-config";
import { DEFAULT_RING, DEFAULT_VOLUME } from "../../../shared/fs/limits";
import { chunkHealth } from "../../fs/chunk-store";
import { collectGarbage } from "../../fs/collector";
import { fsCall } from "../../fs/namespace-calls";
import { createVolume, deleteVolume, listVolumes, resolveVolume } from "../../fs/volume-directory";
import type { ApiApp } from "../api-app";
import { ringView } from "../dht-view-cache";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { fsErrors, VolumeParam } from "./fs-schemas";

const Name = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/)
  .max(63);

const VolumeSchema = z
  .object({ name: z.string(), group: z.string(), ring: z.string() })
  .openapi("Volume");

const VolumeStatusSchema = VolumeSchema.extend({
  revision: z.number().int(),
  files: z.number().int(),
  dirs: z.number().int(),
  bytes: z.number().int().openapi({ description: "Logical bytes: every file's size summed" }),
  chunks: z.number().int().openapi({ description: "Distinct chunks the files reference" }),
  physicalBytes: z.number().int(),
  dedupRatio: z.number(),
  openUploads: z.number().int(),
  ringChunks: z.number().int().openapi({ description: "Distinct chunks stored in the ring" }),
  underReplicated: z
    .number()
    .int()
    .openapi({ description: "Chunks in the ring with fewer live copies than it keeps" }),
}).openapi("VolumeStatus");

const VolumeRecordSchema = VolumeSchema.extend({
  createdAt: z
    .number()
    .int()
    .openapi({ description: "Milliseconds since the epoch; 0 for default" }),
}).openapi("VolumeRecord");

const list = createRoute({
  method: "get",
  path: "/v1/volumes",
  summary: "Every volume, by name, with its group, ring and creation time",
  tags: ["fs"],
  responses: {
    200: {
      description: "The volumes",
      content: {
        "application/json": {
          schema: z.object({ volumes: z.array(VolumeRecordSchema) }).openapi({
            example: {
              volumes: [
                { name: "default", group: "default", ring: "default", createdAt: 0 },
                { name: "media", group: "default", ring: "default", createdAt: 1764806400000 },
              ],
            },
          }),
        },
      },
    },
    ...fsErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/v1/volumes/{volume}",
  summary: "Delete a volume that holds no file and no open upload",
  description:
    "Empty directories go with it. `default` cannot be deleted. The name stays bound to the group and ring it used: it may be created again over those only.",
  tags: ["fs"],
  request: { params: z.object({ volume: VolumeParam }) },
  responses: {
    204: { description: "Deleted" },
    ...fsErrors,
    409: problemResponseSpec("The volume is default, holds files or has open uploads"),
  },
});

const create = createRoute({
  method: "post",
  path: "/v1/volumes",
  summary: "Create a volume over a consensus group and a DHT ring",
  tags: ["fs"],
  middleware: [jsonBody()] as const,
  request: {
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              name: Name.openapi({ example: "media" }),
              group: z.string().regex(GROUP_NAME_PATTERN).default(DEFAULT_GROUP.name),
              ring: Name.default(DEFAULT_RING),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: VolumeSchema } } },
    ...fsErrors,
    409: problemResponseSpec("A volume of that name exists"),
  },
});

const status = createRoute({
  method: "get",
  path: "/v1/volumes/{volume}",
  summary: "A volume's counts and its ring's under-replicated chunks",
  tags: ["fs"],
  request: { params: z.object({ volume: VolumeParam }) },
  responses: {
    200: {
      description: "The volume",
      content: { "application/json": { schema: VolumeStatusSchema } },
    },
    ...fsErrors,
  },
});

const collect = createRoute({
  method: "post",
  path: "/v1/volumes/{volume}/gc",
  summary: "Delete the chunks of the volume's ring that no file or open upload references",
  tags: ["fs"],
  request: { params: z.object({ volume: VolumeParam }) },
  responses: {
    200: {
      description: "Collected",
      content: {
        "application/json": {
          schema: z
            .object({
              listed: z.number().int(),
              deleted: z.number().int(),
              sweeps: z.number().int(),
            })
            .openapi({ example: { listed: 120, deleted: 7, sweeps: 1 } }),
        },
      },
    },
    ...fsErrors,
  },
});

/** Adds the volume routes. */
export function registerVolumeRoutes(app: ApiApp): void {
  app.openapi(create, async (c) => {
    const { name, group, ring } = c.req.valid("json");
    if (name === DEFAULT_VOLUME) {
      throw new ProblemError("conflict", `volume "default" exists without being created`, {
        field: "body.name",
      });
    }
    await ringView(c.env, ring);
    const created = await createVolume(c.env, { name, group, ring });
    return c.json(created, 201);
  });

  app.openapi(list, async (c) => c.json({ volumes: await listVolumes(c.env) }, 200));

  app.openapi(remove, async (c) => {
    const name = c.req.valid("param").volume;
    if (name === DEFAULT_VOLUME) {
      throw new ProblemError("conflict", "volume default always exists", { field: "path.volume" });
    }
    await deleteVolume(c.env, await resolveVolume(c.env, name));
    return c.body(null, 204);
  });

  app.openapi(collect, async (c) => {
    const volume = await resolveVolume(c.env, c.req.valid("param").volume);
    return c.json(await collectGarbage(c.env, volume), 200);
  });

  app.openapi(status, async (c) => {
    const volume = await resolveVolume(c.env, c.req.valid("param").volume);
    const [info, health] = await Promise.all([
      fsCall(c.env, volume.group, volume.name, { kind: "volumeInfo" }, { write: false }),
      chunkHealth(c.env, volume.ring),
    ]);
    const { ok: _ok, op: _op, volume: _name, ...counts } = info;
    return c.json(
      {
        ...counts,
        name: volume.name,
        group: volume.group,
        ring: volume.ring,
        ringChunks: health.chunks,
        underReplicated: health.underReplicated,
      },
      200,
    );
  });
}
