/**
 * `POST /v1/groups/{group}/txn`: compares on a key's value, version, createRevision or
 * modRevision, then the success or the failure ops, atomically at one revision.
 * Compare-and-swap is a txn.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { bodyField, writeCommand } from "../kv-calls";
import { problemResponseSpec } from "../problem-schema";
import { GroupParam, groupErrors, json } from "./kv-schemas";

const OpSchema = z
  .union([
    z
      .object({
        put: z
          .object({
            key: z.string(),
            value: z.string(),
            lease: z.number().int().positive().optional(),
          })
          .strict(),
      })
      .strict(),
    z.object({ get: z.object({ key: z.string() }).strict() }).strict(),
    z
      .object({ delete: z.object({ key: z.string(), prefix: z.boolean().optional() }).strict() })
      .strict(),
  ])
  .openapi("TxnOp");

const TxnSchema = z
  .object({
    compare: z
      .array(
        z
          .object({
            key: z.string(),
            target: z.enum(["value", "version", "createRevision", "modRevision"]),
            op: z.enum(["=", "!=", "<", ">"]),
            value: z.union([z.string(), z.number().int()]),
          })
          .strict(),
      )
      .default([]),
    success: z.array(OpSchema).default([]),
    failure: z.array(OpSchema).default([]),
  })
  .strict()
  .openapi("Txn", {
    description:
      "If every compare holds, run the success ops, else the failure ops, all at one revision",
    example: {
      compare: [{ key: "config/owner", target: "version", op: "=", value: 0 }],
      success: [{ put: { key: "config/owner", value: "n1" } }],
      failure: [{ get: { key: "config/owner" } }],
    },
  });

const TxnResultSchema = z
  .object({
    succeeded: z.boolean().openapi({ description: "Whether every compare held" }),
    revision: z.number().int().openapi({ description: "The store's revision after the txn" }),
    results: z
      .array(z.unknown())
      .openapi({ description: "One result per op run, in order: the item put or got, or deleted" }),
  })
  .openapi("TxnResult", {
    example: {
      succeeded: true,
      revision: 42,
      results: [
        {
          kind: "put",
          item: {
            key: "config/owner",
            value: "n1",
            createRevision: 42,
            modRevision: 42,
            version: 1,
            lease: 0,
          },
        },
      ],
    },
  });

const route = createRoute({
  method: "post",
  path: "/v1/groups/{group}/txn",
  summary: "Atomic compare-then-ops transaction",
  tags: ["kv"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ group: GroupParam }),
    body: { content: { "application/json": { schema: TxnSchema } }, required: true },
  },
  responses: {
    200: json("Applied", TxnResultSchema),
    ...groupErrors,
    413: problemResponseSpec("Too many ops, or a key or value too large"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

/** Adds the txn route. */
export function registerTxnRoutes(app: ApiApp): void {
  app.openapi(route, async (c) => {
    const { group } = c.req.valid("param");
    const txn = c.req.valid("json");
    const result = await writeCommand(c.env, group, { type: "txn", ...txn }, bodyField);
    return c.json(
      { succeeded: result.succeeded, revision: result.revision, results: result.results },
      200,
    );
  });
}
