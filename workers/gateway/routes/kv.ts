/**
 * The keys of a consensus group one at a time: put, get and delete, with the key as the
 * whole rest of the path (`/kv/config/app/db` is the key `config/app/db`), and compaction
 * of the watch history. Writes answer once committed and applied; reads are linearizable
 * (ReadIndex on the leader) unless `consistency=serializable` is asked for. Listings and
 * deletes by prefix or interval are `kv-range.ts`.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { KeyValue } from "../../../shared/kv";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { bodyField, readCommand, writeCommand } from "../kv-calls";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { restOfPath } from "../rest-of-path";
import {
  Consistency,
  DeletedSchema,
  GroupParam,
  groupErrors,
  json,
  KeyValueSchema,
} from "./kv-schemas";

const keyField = (field: string) => (field === "key" ? "param.key" : `query.${field}`);

/**
 * How a key is written in a path, for the `{key}` parameter's description (and the README).
 */
export const KEY_PATH_DESCRIPTION =
  "The key is the whole rest of the path, slashes included: `config/app/db` is written as " +
  "is. Percent-encoding works for any byte (`%2F` is a slash). Write a key that starts " +
  "with a slash or has an empty segment with those slashes as `%2F` (`%2Fetc%2Fhosts`, " +
  "`a%2F%2Fb`): proxies and clients may merge slashes. A `.` or `..` segment must be " +
  "written that way too (`a%2F..%2Fb`), because URL parsing resolves dot segments before " +
  "a request is sent; the keys `.` and `..` themselves have no path (use a txn). " +
  "Encoding the whole key (encodeURIComponent) works for every other key. At most 1 KiB " +
  "of UTF-8.";

const KeyParams = z.object({
  group: GroupParam,
  key: z
    .string()
    .min(1)
    .openapi({
      param: { name: "key", in: "path", description: KEY_PATH_DESCRIPTION },
      example: "config/app/db",
    }),
});
const ItemSchema = KeyValueSchema.extend({ revision: z.number().int() });

const putRoute = createRoute({
  method: "put",
  path: "/v1/groups/{group}/kv/{key}",
  summary: "Write a key (answers once committed and applied)",
  description: KEY_PATH_DESCRIPTION,
  tags: ["kv"],
  middleware: [jsonBody()] as const,
  request: {
    params: KeyParams,
    query: z.object({ prev: z.enum(["true", "false"]).optional() }),
    body: {
      content: {
        "application/json": {
          schema: z
            .object({ value: z.string(), lease: z.number().int().positive().optional() })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: json("Written", ItemSchema.extend({ prev: KeyValueSchema.optional() })),
    ...groupErrors,
    413: problemResponseSpec("Key or value too large"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/groups/{group}/kv/{key}",
  summary: "Read a key",
  tags: ["kv"],
  request: { params: KeyParams, query: Consistency },
  responses: { 200: json("The key", ItemSchema), ...groupErrors },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/v1/groups/{group}/kv/{key}",
  summary: "Delete a key",
  tags: ["kv"],
  request: { params: KeyParams },
  responses: {
    200: json("Deleted", DeletedSchema),
    ...groupErrors,
  },
});

const compactRoute = createRoute({
  method: "post",
  path: "/v1/groups/{group}/compact",
  summary: "Drop watch history before a revision (watches from earlier revisions then fail)",
  tags: ["kv"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ group: GroupParam }),
    body: {
      content: {
        "application/json": { schema: z.object({ revision: z.number().int().min(0) }).strict() },
      },
      required: true,
    },
  },
  responses: {
    200: json(
      "Compacted",
      z.object({ compactRevision: z.number().int(), revision: z.number().int() }),
    ),
    ...groupErrors,
    415: problemResponseSpec("Body is not JSON"),
  },
});

/** Adds the single-key routes and compaction. */
export function registerKvRoutes(app: ApiApp): void {
  app.openapi(restOfPath(app, putRoute, "key"), async (c) => {
    const { group, key } = c.req.valid("param");
    const { value, lease } = c.req.valid("json");
    const command = {
      type: "put" as const,
      key,
      value,
      prevKv: c.req.valid("query").prev === "true",
      ...(lease && { lease }),
    };
    const fieldOf = (field: string) => (field === "key" ? "param.key" : bodyField(field));
    const result = await writeCommand(c.env, group, command, fieldOf);
    return c.json(
      { ...itemView(result.item, result.revision), ...(result.prev && { prev: result.prev }) },
      200,
    );
  });

  app.openapi(restOfPath(app, getRoute, "key"), async (c) => {
    const { group, key } = c.req.valid("param");
    const { consistency } = c.req.valid("query");
    const result = await readCommand(c.env, group, { type: "get", key }, consistency, keyField);
    if (!result.item)
      throw new ProblemError("not-found", `no key "${key}" in group "${group}"`, {
        field: "param.key",
      });
    return c.json(itemView(result.item, result.revision), 200);
  });

  app.openapi(restOfPath(app, deleteRoute, "key"), async (c) => {
    const { group, key } = c.req.valid("param");
    const result = await writeCommand(c.env, group, { type: "delete", key }, keyField);
    return c.json({ deleted: result.deleted, revision: result.revision }, 200);
  });

  app.openapi(compactRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { revision } = c.req.valid("json");
    const result = await writeCommand(c.env, group, { type: "compact", revision }, bodyField);
    return c.json({ compactRevision: result.compactRevision, revision: result.revision }, 200);
  });
}

function itemView(item: KeyValue, revision: number) {
  return { ...item, revision };
}
