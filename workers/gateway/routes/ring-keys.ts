/**
 * Keys of a DHT ring: put, get and delete one key (URL-encoded in the path). Every answer
 * carries `edgeos-hops` (routing hops taken) and `edgeos-node` (the node that served it).
 * `?routing=onehop` (the default) goes straight to the owner from the gateway's cached
 * membership view; `?routing=overlay` enters at a random node and routes by fingers or
 * buckets. Keys beginning with a control character are reserved for edgeos's own records
 * (chunks, see `shared/dht/chunk-key.ts`) and refused with a 400, so this API can neither
 * read, overwrite nor delete them.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { KeyOpRequest } from "../../../durable-objects/dht/node-contract";
import { isReservedKey } from "../../../shared/dht/chunk-key";
import type { ApiApp } from "../api-app";
import { type RoutedResult, routeKeyOp } from "../dht-calls";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import {
  jsonContent,
  MAX_RING_KEY_BYTES,
  MAX_RING_PUT_BODY_BYTES,
  MAX_RING_VALUE_BYTES,
  RingKeySchema,
  RingParam,
  RoutingQuery,
  ringErrors,
} from "./dht-schemas";

const KeyParams = z.object({
  ring: RingParam,
  key: z
    .string()
    .min(1)
    .openapi({ param: { name: "key", in: "path" }, example: "hello" }),
});

const keyHeaders = {
  "edgeos-hops": { schema: { type: "integer" as const }, description: "Routing hops taken" },
  "edgeos-node": { schema: { type: "string" as const }, description: "Node that served the key" },
};

const tooLarge = { 413: problemResponseSpec("Key or value too large") };

const putRoute = createRoute({
  method: "put",
  path: "/v1/rings/{ring}/keys/{key}",
  summary: "Write a key (answers once its owner and replicas hold it)",
  tags: ["dht"],
  middleware: [jsonBody(MAX_RING_PUT_BODY_BYTES)] as const,
  request: {
    params: KeyParams,
    query: RoutingQuery,
    body: {
      content: { "application/json": { schema: z.object({ value: z.string() }).strict() } },
      required: true,
    },
  },
  responses: {
    200: { ...jsonContent("Written", RingKeySchema), headers: keyHeaders },
    ...ringErrors,
    ...tooLarge,
    415: problemResponseSpec("Body is not JSON"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/rings/{ring}/keys/{key}",
  summary: "Read a key",
  tags: ["dht"],
  request: { params: KeyParams, query: RoutingQuery },
  responses: {
    200: { ...jsonContent("The key", RingKeySchema), headers: keyHeaders },
    ...ringErrors,
    ...tooLarge,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/v1/rings/{ring}/keys/{key}",
  summary: "Delete a key",
  tags: ["dht"],
  request: { params: KeyParams, query: RoutingQuery },
  responses: {
    200: { ...jsonContent("Deleted", RingKeySchema), headers: keyHeaders },
    ...ringErrors,
    ...tooLarge,
  },
});

const encoder = new TextEncoder();

function checkSize(text: string, limit: number, field: string, what: string): void {
  const bytes = encoder.encode(text).byteLength;
  if (bytes > limit) {
    throw new ProblemError("payload-too-large", `${what} is ${bytes} bytes; at most ${limit}`, {
      field,
      extensions: { limit },
    });
  }
}

/** Adds the key routes. */
export function registerRingKeyRoutes(app: ApiApp): void {
  const run = async (env: Env, ring: string, req: KeyOpRequest, routing: "onehop" | "overlay") => {
    checkSize(req.key, MAX_RING_KEY_BYTES, "param.key", "key");
    if (isReservedKey(req.key)) {
      throw new ProblemError(
        "bad-request",
        "keys beginning with a control character (U+0000-U+001F) are reserved",
        { field: "param.key" },
      );
    }
    return routeKeyOp(env, ring, req, routing);
  };

  app.openapi(putRoute, async (c) => {
    const { ring, key } = c.req.valid("param");
    const { value } = c.req.valid("json");
    checkSize(value, MAX_RING_VALUE_BYTES, "body.value", "value");
    const result = await run(
      c.env,
      ring,
      { kind: "put", key, value },
      c.req.valid("query").routing,
    );
    return c.json(keyView(key, result), 200, headersOf(result));
  });

  app.openapi(getRoute, async (c) => {
    const { ring, key } = c.req.valid("param");
    const result = await run(c.env, ring, { kind: "get", key }, c.req.valid("query").routing);
    if (result.value === null || result.value === undefined) {
      throw new ProblemError("not-found", `no key "${key}" in ring "${ring}"`, {
        field: "param.key",
        headers: headersOf(result),
      });
    }
    return c.json({ ...keyView(key, result), value: result.value }, 200, headersOf(result));
  });

  app.openapi(deleteRoute, async (c) => {
    const { ring, key } = c.req.valid("param");
    const result = await run(c.env, ring, { kind: "delete", key }, c.req.valid("query").routing);
    return c.json(keyView(key, result), 200, headersOf(result));
  });
}

function keyView(key: string, result: RoutedResult) {
  return {
    key,
    ...(result.version === undefined ? {} : { version: result.version }),
    node: result.nodeId,
    hops: result.hops,
  };
}

function headersOf(result: RoutedResult): Record<string, string> {
  return { "edgeos-hops": String(result.hops), "edgeos-node": result.nodeId ?? "" };
}
