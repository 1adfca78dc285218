/**
 * The keys of a consensus group by the many: `GET /v1/groups/{group}/kv` lists them (by
 * prefix, by `[start, end)` interval, one tree level at a time with `separator`, paged by
 * `cursor`, without values or only counted) and `DELETE /v1/groups/{group}/kv` deletes
 * what the same selection lists, atomically in one revision.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_SEPARATOR_BYTES } from "../../../shared/kv";
import type { ApiApp } from "../api-app";
import { readCommand, writeCommand } from "../kv-calls";
import { Consistency, DeletedSchema, GroupParam, groupErrors, json } from "./kv-schemas";

/** Entries listed per page when no limit is given, and the most per page. */
export const DEFAULT_RANGE_LIMIT = 100;
export const MAX_RANGE_LIMIT = 1000;

const queryField = (field: string) => `query.${field}`;
const flag = (description: string) =>
  z
    .enum(["true", "false"])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true"))
    .openapi({ description });

/** The selection both routes share: the keys a listing shows are the keys a delete takes. */
const Selection = z.object({
  prefix: z
    .string()
    .default("")
    .openapi({ description: "Only keys that start with it", example: "config/" }),
  start: z
    .string()
    .optional()
    .openapi({ description: "Only keys at or after it (UTF-8 byte order), as etcd's key" }),
  end: z.string().optional().openapi({
    description: "Only keys before it (exclusive), as etcd's range_end; must be after start",
  }),
});

const ListQuery = Consistency.extend(Selection.shape).extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_RANGE_LIMIT)
    .optional()
    .openapi({
      description: `Most entries (keys and common prefixes) per page: 1–${MAX_RANGE_LIMIT}, default ${DEFAULT_RANGE_LIMIT}; not with countOnly`,
    }),
  cursor: z.string().optional().openapi({
    description: "Continue a listing: the cursor of the previous page's answer",
  }),
  separator: z
    .string()
    .optional()
    .openapi({
      description: `Fold keys by it into common prefixes, one tree level at a time (1–${MAX_SEPARATOR_BYTES} bytes), as Consul's separator`,
      example: "/",
    }),
  keysOnly: flag("Answer keys and revisions without values"),
  countOnly: flag(
    "Answer only how many keys (with separator, keys and common prefixes) match; takes no limit",
  ),
});

const ListedKeySchema = z
  .object({
    key: z.string(),
    value: z.string().optional().openapi({ description: "Absent with keysOnly" }),
    createRevision: z.number().int(),
    modRevision: z.number().int(),
    version: z.number().int(),
    lease: z.number().int().optional(),
  })
  .openapi("ListedKey");

const ListingSchema = z
  .object({
    items: z.array(ListedKeySchema),
    prefixes: z
      .array(z.string())
      .optional()
      .openapi({ description: "With separator: the common prefixes, each once" }),
    count: z.number().int().optional().openapi({ description: "With countOnly" }),
    revision: z.number().int(),
    more: z.boolean(),
    cursor: z.string().optional().openapi({
      description: "When more is true: pass it as ?cursor= (with the same query) for the next page",
    }),
  })
  .openapi("KeyListing");

const listRoute = createRoute({
  method: "get",
  path: "/v1/groups/{group}/kv",
  summary: "List keys: by prefix or interval, one tree level (separator), paged by cursor",
  description:
    "Keys in UTF-8 byte order that start with prefix, are at or after start and before end. " +
    "With separator, keys whose rest after the prefix holds it fold into common prefixes " +
    "(prefix=config/&separator=/ shows config/log and config/app/). A page holds at most " +
    "limit entries; more: true comes with a cursor to continue from.",
  tags: ["kv"],
  request: { params: z.object({ group: GroupParam }), query: ListQuery },
  responses: { 200: json("One page of keys", ListingSchema), ...groupErrors },
});

const deleteRangeRoute = createRoute({
  method: "delete",
  path: "/v1/groups/{group}/kv",
  summary: "Delete every key a listing of the same prefix, start and end shows, at one revision",
  description:
    "Atomic: one replicated command, one revision, one watch event per deleted key. " +
    "Without prefix, start or end it refuses (400) unless all=true, which takes no bounds.",
  tags: ["kv"],
  request: {
    params: z.object({ group: GroupParam }),
    query: Selection.extend({
      all: flag("Delete every key of the group; required when no prefix, start or end is given"),
    }),
  },
  responses: { 200: json("Deleted", DeletedSchema), ...groupErrors },
});

/** Adds the listing and the range delete. */
export function registerKvRangeRoutes(app: ApiApp): void {
  app.openapi(listRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { consistency, limit, ...query } = c.req.valid("query");
    const command = {
      type: "range" as const,
      ...definedOnly(query),
      ...((limit !== undefined || !query.countOnly) && { limit: limit ?? DEFAULT_RANGE_LIMIT }),
    };
    const result = await readCommand(c.env, group, command, consistency, queryField);
    const { kind: _kind, ...listing } = result;
    return c.json(listing, 200);
  });

  app.openapi(deleteRangeRoute, async (c) => {
    const { group } = c.req.valid("param");
    const command = { type: "deleteRange" as const, ...definedOnly(c.req.valid("query")) };
    const result = await writeCommand(c.env, group, command, queryField);
    return c.json({ deleted: result.deleted, revision: result.revision }, 200);
  });
}

/** The members that are set, so that commands stay plain JSON through the log. */
function definedOnly<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as T;
}
