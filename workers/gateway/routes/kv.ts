/**
 * The KV of a consensus group: put, get, delete and range over keys (keys are
 * URL-encoded path segments), and compaction of the watch history. Writes answer once committed and applied; reads are
 * linearizable (ReadIndex on the leader) unless `consistency=serializable` is asked for.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { KeyValue } from "../../../shared/kv";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { bodyField, readCommand, writeCommand } from "../kv-calls";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { DeletedSchema, GroupParam, groupErrors, json, KeyValueSchema } from "./kv-schemas";

/** Keys listed per range call when no limit is given, and the most per call. */
export const DEFAULT_RANGE_LIMIT = 100;
export const MAX_RANGE_LIMIT = 1000;

const keyField = (field: string) => (field === "key" ? "param.key" : `query.${field}`);
const KeyParams = z.object({
  group: GroupParam,
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: "key", in: "path" }, example: "hello" }),
});
const Consistency = z.object({
  consistency: z.enum(["linearizable", "serializable"]).default("linearizable"),
});
const ItemSchema = KeyValueSchema.extend({ revision: z.number().int() });

const putRoute = createRoute({
  method: "put",
  path: "/v1/groups/{group}/kv/{key}",
  summary: "Write a key (answers once committed and applied)",
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

const rangeRoute = createRoute({
  method: "get",
  path: "/v1/groups/{group}/kv",
  summary: "Keys by prefix, in byte order",
  tags: ["kv"],
  request: {
    params: z.object({ group: GroupParam }),
    query: Consistency.extend({
      prefix: z.string().default(""),
      limit: z.coerce.number().int().min(1).max(MAX_RANGE_LIMIT).default(DEFAULT_RANGE_LIMIT),
    }),
  },
  responses: {
    200: json(
      "Keys",
      z.object({ items: z.array(KeyValueSchema), revision: z.number().int(), more: z.boolean() }),
    ),
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

/** Adds the key routes. */
export function registerKvRoutes(app: ApiApp): void {
  app.openapi(putRoute, async (c) => {
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

  app.openapi(getRoute, async (c) => {
    const { group, key } = c.req.valid("param");
    const { consistency } = c.req.valid("query");
    const result = await readCommand(c.env, group, { type: "get", key }, consistency, keyField);
    if (!result.item)
      throw new ProblemError("not-found", `no key "${key}" in group "${group}"`, {
        field: "param.key",
      });
    return c.json(itemView(result.item, result.revision), 200);
  });

  app.openapi(deleteRoute, async (c) => {
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

  app.openapi(rangeRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { prefix, limit, consistency } = c.req.valid("query");
    const result = await readCommand(
      c.env,
      group,
      { type: "range", prefix, limit },
      consistency,
      keyField,
    );
    return c.json({ items: result.items, revision: result.revision, more: result.more }, 200);
  });
}

function itemView(item: KeyValue, revision: number) {
  return { ...item, revision };
}
