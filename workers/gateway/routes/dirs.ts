/**
 * Directories of a volume and renames: make a directory (`?parents=true` makes the missing
 * ones above it too), list one a page at a time in name order (`cursor` continues), delete
 * one (empty, or everything under it with `?recursive=true`), and rename a file or a
 * directory atomically — a concurrent lister sees it in the old place or the new one.
 * `/v1/volumes/{volume}/dirs` without a path is the root.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_LIST_LIMIT } from "../../../shared/fs/limits";
import type { FsOp, FsOpKind } from "../../../shared/fs/types";
import { fsCall } from "../../fs/namespace-calls";
import { resolveVolume } from "../../fs/volume-directory";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { problemResponseSpec } from "../problem-schema";
import { restOfPath } from "../rest-of-path";
import { EntrySchema, fsErrors, ifMatchOf, PathParam, pathOf, VolumeParam } from "./fs-schemas";

/** Entries listed per page when no limit is given. */
export const DEFAULT_LIST_LIMIT = 100;

const DirParams = z.object({ volume: VolumeParam, path: PathParam });
const RootParams = z.object({ volume: VolumeParam });
const fieldOf = (field: string) =>
  field === "op.path"
    ? "param.path"
    : field.startsWith("op.")
      ? `body.${field.slice(3)}`
      : undefined;

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
  cursor: z.string().optional().openapi({ description: "The `cursor` of the previous page" }),
});
const ListingSchema = z
  .object({
    path: z.string(),
    entries: z.array(EntrySchema),
    cursor: z.string().optional().openapi({ description: "Present when there are more" }),
  })
  .openapi("DirListing");

const listResponses = {
  200: { description: "One page", content: { "application/json": { schema: ListingSchema } } },
  ...fsErrors,
};

/** The listing route at `path` (the root's, or a directory's with a `{path}` parameter). */
const listRoute = <Path extends string, Params extends typeof RootParams | typeof DirParams>(
  path: Path,
  what: string,
  params: Params,
) =>
  createRoute({
    method: "get",
    path,
    summary: `List ${what}, in name order, a page at a time`,
    tags: ["fs"],
    request: { params, query: ListQuery },
    responses: listResponses,
  });

const listRoot = listRoute("/v1/volumes/{volume}/dirs", "the root directory", RootParams);
const listDir = listRoute("/v1/volumes/{volume}/dirs/{path}", "a directory", DirParams);

const mkdir = createRoute({
  method: "post",
  path: "/v1/volumes/{volume}/dirs/{path}",
  summary: "Make a directory (`?parents=true` makes missing parents too)",
  tags: ["fs"],
  request: {
    params: DirParams,
    query: z.object({ parents: z.enum(["true", "false"]).default("false") }),
  },
  responses: {
    201: {
      description: "Made",
      content: {
        "application/json": {
          schema: z.object({ path: z.string(), created: z.array(z.string()) }),
        },
      },
    },
    ...fsErrors,
  },
});

const rmdir = createRoute({
  method: "delete",
  path: "/v1/volumes/{volume}/dirs/{path}",
  summary: "Delete a directory: an empty one, or all under it with `?recursive=true`",
  tags: ["fs"],
  request: {
    params: DirParams,
    query: z.object({ recursive: z.enum(["true", "false"]).default("false") }),
  },
  responses: {
    200: {
      description: "Deleted",
      content: {
        "application/json": {
          schema: z.object({
            path: z.string(),
            files: z.number().int(),
            dirs: z.number().int(),
            revision: z.number().int(),
          }),
        },
      },
    },
    ...fsErrors,
  },
});

const rename = createRoute({
  method: "post",
  path: "/v1/volumes/{volume}/rename",
  summary: "Rename a file or a directory atomically (across directories too)",
  tags: ["fs"],
  middleware: [jsonBody()] as const,
  request: {
    params: RootParams,
    body: {
      content: {
        "application/json": {
          schema: z
            .object({
              from: z.string().openapi({ example: "/isos/old.iso" }),
              to: z.string().openapi({ example: "/archive/old.iso" }),
              ifMatch: z.string().optional(),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: "Renamed",
      content: {
        "application/json": {
          schema: z.object({
            from: z.string(),
            to: z.string(),
            replaced: z.boolean(),
            revision: z.number().int(),
          }),
        },
      },
    },
    ...fsErrors,
    412: problemResponseSpec("ifMatch failed; nothing changed"),
  },
});

/** Adds the directory and rename routes. */
export function registerDirRoutes(app: ApiApp): void {
  const list = async (env: Env, name: string, path: string, query: z.infer<typeof ListQuery>) => {
    const volume = await resolveVolume(env, name);
    const page = await fsCall(
      env,
      volume.group,
      volume.name,
      { kind: "list", path, limit: query.limit, ...(query.cursor && { cursor: query.cursor }) },
      { write: false, fieldOf: (f) => (f === "op.cursor" ? "query.cursor" : fieldOf(f)) },
    );
    return { path: page.path, entries: page.entries, ...(page.cursor && { cursor: page.cursor }) };
  };
  app.openapi(listRoot, async (c) =>
    c.json(await list(c.env, c.req.valid("param").volume, "/", c.req.valid("query")), 200),
  );
  app.openapi(restOfPath(app, listDir, "path"), async (c) => {
    const { volume, path } = c.req.valid("param");
    return c.json(await list(c.env, volume, pathOf(path), c.req.valid("query")), 200);
  });

  /** One namespace write on volume `name`, through its group's log. */
  const write = async <K extends FsOpKind>(
    env: Env,
    name: string,
    op: Extract<FsOp, { kind: K }>,
  ) => {
    const volume = await resolveVolume(env, name);
    return fsCall(env, volume.group, volume.name, op, { write: true, fieldOf });
  };

  app.openapi(restOfPath(app, mkdir, "path"), async (c) => {
    const { volume, path } = c.req.valid("param");
    const parents = c.req.valid("query").parents === "true";
    const made = await write(c.env, volume, { kind: "mkdir", path: pathOf(path), parents });
    return c.json({ path: made.path, created: made.created }, 201);
  });

  app.openapi(restOfPath(app, rmdir, "path"), async (c) => {
    const { volume, path } = c.req.valid("param");
    const recursive = c.req.valid("query").recursive === "true";
    const deleted = await write(c.env, volume, { kind: "delete", path: pathOf(path), recursive });
    const { files, dirs, revision } = deleted;
    return c.json({ path: deleted.path, files, dirs, revision }, 200);
  });

  app.openapi(rename, async (c) => {
    const body = c.req.valid("json");
    const ifMatch = ifMatchOf(body.ifMatch);
    const renamed = await write(c.env, c.req.valid("param").volume, {
      kind: "rename",
      from: body.from,
      to: body.to,
      ...(ifMatch !== undefined && { ifMatch }),
    });
    const { from, to, replaced, revision } = renamed;
    return c.json({ from, to, replaced, revision }, 200);
  });
}
