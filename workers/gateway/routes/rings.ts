/**
 * DHT rings: create one (`default` — Chord, 16 nodes, r = 3 — exists without being
 * created), read its status from every live node, join a node, and remove one by a
 * graceful leave or (with `EDGEOS_DEV_FAULTS=1` only, as all fault injection) a failure
 * that loses its storage.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { NodeStatus } from "../../../durable-objects/dht/node-contract";
import type { RingReport } from "../../../durable-objects/dht/ring-directory";
import { DEFAULT_RING } from "../../../shared/dht/ring-config";
import type { RingRecord } from "../../../shared/dht/ring-membership";
import type { RpcResult } from "../../../shared/rpc-result";
import type { ApiApp } from "../api-app";
import { nodeIdOf } from "../dht-calls";
import { dropView } from "../dht-view-cache";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { problemFromRpc, unwrap } from "../rpc-unwrap";
import {
  jsonContent,
  MAX_RING_VIRTUAL_TOTAL,
  NodeIdParam,
  RingCreateSchema,
  RingParam,
  RingStatusSchema,
  ringErrors,
} from "./dht-schemas";
import { devFaultsEnabled } from "./faults";

const MembershipChange = z.object({ id: z.string(), version: z.number().int() });

const createRing = createRoute({
  method: "post",
  path: "/v1/rings",
  summary: "Create a DHT ring of Chord or Kademlia nodes",
  tags: ["dht"],
  middleware: [jsonBody()] as const,
  request: {
    body: { content: { "application/json": { schema: RingCreateSchema } }, required: true },
  },
  responses: {
    201: jsonContent("Created", RingStatusSchema),
    ...ringErrors,
    409: problemResponseSpec("A ring of that name exists"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

const getRing = createRoute({
  method: "get",
  path: "/v1/rings/{ring}",
  summary: "A ring's configuration and every live node's view of itself",
  tags: ["dht"],
  request: { params: z.object({ ring: RingParam }) },
  responses: { 200: jsonContent("The ring", RingStatusSchema), ...ringErrors },
});

const joinNode = createRoute({
  method: "post",
  path: "/v1/rings/{ring}/nodes",
  summary: "Join one new node (with its virtual nodes) through the protocol",
  tags: ["dht"],
  request: { params: z.object({ ring: RingParam }) },
  responses: {
    201: jsonContent("Joined", MembershipChange),
    ...ringErrors,
    409: problemResponseSpec("The ring has had as many nodes as it may"),
  },
});

const removeNode = createRoute({
  method: "delete",
  path: "/v1/rings/{ring}/nodes/{id}",
  summary: "Remove a node: graceful leave with hand-off, or (dev only) a failure",
  tags: ["dht"],
  request: {
    params: z.object({ ring: RingParam, id: NodeIdParam }),
    query: z.object({ mode: z.enum(["leave", "fail"]).default("leave") }),
  },
  responses: {
    200: jsonContent("Removed", MembershipChange.extend({ mode: z.enum(["leave", "fail"]) })),
    ...ringErrors,
    409: problemResponseSpec("The node is the ring's last"),
  },
});

/** Adds the ring routes. */
export function registerRingRoutes(app: ApiApp): void {
  app.openapi(createRing, async (c) => {
    const body = c.req.valid("json");
    const virtualNodes = body.virtualNodes ?? 1;
    if (body.nodes * virtualNodes > MAX_RING_VIRTUAL_TOTAL) {
      throw new ProblemError(
        "bad-request",
        `nodes × virtualNodes must be at most ${MAX_RING_VIRTUAL_TOTAL}`,
        { field: "body.virtualNodes" },
      );
    }
    if (body.replication > body.nodes) {
      throw new ProblemError("bad-request", "replication must not exceed nodes", {
        field: "body.replication",
      });
    }
    if (body.name === DEFAULT_RING.name) {
      throw new ProblemError("conflict", `ring "default" exists without being created`, {
        field: "body.name",
      });
    }
    const spec = { ...body, virtualNodes };
    unwrapAt(await c.env.RING_DIRECTORY.getByName(spec.name).create(spec), "body.name");
    dropView(spec.name);
    const status: RingReport = unwrap(
      await c.env.RING_DIRECTORY.getByName(spec.name).status(spec.name),
    );
    return c.json(statusView(status.ring, status.nodes), 201);
  });

  app.openapi(getRing, async (c) => {
    const { ring } = c.req.valid("param");
    const status = unwrapAt(await c.env.RING_DIRECTORY.getByName(ring).status(ring), "param.ring");
    return c.json(statusView(status.ring, status.nodes), 200);
  });

  app.openapi(joinNode, async (c) => {
    const { ring } = c.req.valid("param");
    const joined = unwrapAt(await c.env.RING_DIRECTORY.getByName(ring).join(ring), "param.ring");
    dropView(ring);
    return c.json({ id: joined.host, version: joined.version }, 201);
  });

  app.openapi(removeNode, async (c) => {
    const { ring, id } = c.req.valid("param");
    const { mode } = c.req.valid("query");
    if (mode === "fail" && !devFaultsEnabled(c.env)) {
      throw new ProblemError(
        "not-found",
        "mode=fail is fault injection, on only with EDGEOS_DEV_FAULTS=1",
        {
          field: "query.mode",
        },
      );
    }
    const directory = c.env.RING_DIRECTORY.getByName(ring);
    const removed = unwrapAt(await directory.remove(ring, id, mode), "param.id");
    dropView(ring);
    return c.json({ id: removed.host, version: removed.version, mode }, 200);
  });
}

/**
 * The value of a directory's answer; its problem is raised naming `field`, the part of the
 * request the directory judged (unless the problem names one itself).
 */
function unwrapAt<T>(result: RpcResult<T>, field: string): T {
  if (result.ok) return result.value;
  throw problemFromRpc({ field, ...result.problem });
}

function statusView(ring: RingRecord, nodes: NodeStatus[]) {
  const name = ring.spec.name;
  const chord = ring.spec.overlay === "chord";
  return {
    name,
    overlay: ring.spec.overlay,
    replication: ring.spec.replication,
    virtualNodes: ring.spec.virtualNodes,
    ...(chord ? {} : { k: ring.k }),
    version: ring.version,
    hosts: ring.hosts,
    nodes: nodes.map((n) => ({
      id: nodeIdOf(name, n.addr),
      ringId: n.id,
      predecessor: n.predecessor === null ? null : nodeIdOf(name, n.predecessor),
      successors: n.successors.map((s) => nodeIdOf(name, s)),
      ...(chord
        ? { fingers: n.routingEntries }
        : { contacts: n.routingEntries, buckets: n.buckets }),
      keys: n.keys,
      alarmSet: n.alarmSet,
    })),
  };
}
