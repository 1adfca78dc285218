/** Zod schemas and bounds of the DHT ring routes, so `/openapi.json` documents them once. */
import { z } from "@hono/zod-openapi";
import {
  MAX_REPLICATION,
  MAX_RING_NODES,
  MAX_VIRTUAL_NODES,
  NODE_ID_PATTERN,
  RING_NAME_PATTERN,
} from "../../../shared/dht/ring-config";
import { problemResponseSpec } from "../problem-schema";

/** Largest key, in UTF-8 bytes (413 above it). */
export const MAX_RING_KEY_BYTES = 512;
/** Largest value, in UTF-8 bytes (413 above it). */
export const MAX_RING_VALUE_BYTES = 128 * 1024;
/** Largest PUT body: the value JSON-escaped at worst, and the envelope. */
export const MAX_RING_PUT_BODY_BYTES = 6 * MAX_RING_VALUE_BYTES + 1024;
/** Most virtual nodes a ring may have at creation (hosts × virtual nodes per host). */
export const MAX_RING_VIRTUAL_TOTAL = 256;

/** `{ring}` in a path. */
export const RingParam = z
  .string()
  .regex(RING_NAME_PATTERN, "ring names are 1-63 of a-z, 0-9 and -")
  .openapi({
    param: { name: "ring", in: "path" },
    description: "The ring's name (a ring named default exists without being created)",
    example: "default",
  });

/** `{id}` of a node in a path. */
export const NodeIdParam = z
  .string()
  .regex(NODE_ID_PATTERN, "node ids are n followed by digits")
  .openapi({
    param: { name: "id", in: "path" },
    description: "A node of the ring, as GET /v1/rings/{ring} lists them",
    example: "n3",
  });

export const RingCreateSchema = z
  .object({
    name: RingParam,
    overlay: z.enum(["chord", "kademlia"]),
    nodes: z.number().int().min(1).max(MAX_RING_NODES),
    replication: z.number().int().min(1).max(MAX_REPLICATION),
    virtualNodes: z.number().int().min(1).max(MAX_VIRTUAL_NODES).optional(),
  })
  .strict()
  .openapi("RingCreate", {
    example: { name: "photos", overlay: "chord", nodes: 32, replication: 3 },
  });

export const RoutingQuery = z.object({
  routing: z.enum(["onehop", "overlay"]).default("onehop").openapi({
    description:
      "onehop: the gateway calls the key's owner directly; overlay: hop by hop through the ring",
  }),
});

export const RingNodeSchema = z.object({
  id: z.string().openapi({ example: "n3" }),
  ringId: z.string(),
  predecessor: z.string().nullable(),
  successors: z.array(z.string()),
  fingers: z.number().int().optional(),
  contacts: z.number().int().optional(),
  buckets: z.number().int().optional(),
  keys: z.number().int(),
  alarmSet: z.boolean(),
});

export const RingStatusSchema = z
  .object({
    name: z.string(),
    overlay: z.enum(["chord", "kademlia"]),
    replication: z.number().int(),
    virtualNodes: z.number().int(),
    k: z.number().int().optional(),
    version: z.number().int(),
    hosts: z.array(z.object({ id: z.string(), state: z.enum(["live", "left", "failed"]) })),
    nodes: z.array(RingNodeSchema),
  })
  .openapi("RingStatus");

export const RingKeySchema = z
  .object({
    key: z.string(),
    value: z.string().optional(),
    version: z.number().int().optional(),
    node: z.string().nullable(),
    hops: z.number().int(),
  })
  .openapi("RingKey");

/** Error responses every ring route may give. */
export const ringErrors = {
  400: problemResponseSpec("Invalid request"),
  401: problemResponseSpec("Missing or wrong bearer token"),
  404: problemResponseSpec("No such ring, node or key"),
  503: problemResponseSpec("No node of the ring could serve the request"),
};

/** A JSON response entry. */
export function jsonContent<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}
