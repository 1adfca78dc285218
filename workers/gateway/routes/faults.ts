/**
 * Dev-only fault injection for consensus groups and DHT rings, applied at the objects
 * themselves so the real code paths run. Exists only when `EDGEOS_DEV_FAULTS=1`; otherwise
 * every path here is a 404, as if the routes did not exist. Hidden from `/openapi.json`.
 *
 * `POST /v1/_faults/groups/{group}` with any of `{"partition": [[1,2],[3]]}`,
 * `{"drop": 0.1}`, `{"delayMs": [0, 50]}`, `{"crash": [2]}`; `DELETE` heals everything.
 *
 * `POST /v1/_faults/rings/{ring}` with `{"crash": ["n1", "n4"]}` aborts those hosts' node
 * objects; `{"crash": "all"}` aborts every live node and the ring's directory and drops the
 * gateway's cached view, as if everything had been evicted. A crashed object keeps its
 * storage and reloads from it on its next call (a node that loses its storage is
 * `DELETE /v1/rings/{ring}/nodes/{id}?mode=fail`).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { ringNodeStub } from "../../../durable-objects/dht/node-contract";
import type { ReplicaStatus } from "../../../durable-objects/raft/replica-contract";
import { liveMembers } from "../../../shared/dht/ring-membership";
import type { ApiApp, GatewayEnv } from "../api-app";
import { dropView } from "../dht-view-cache";
import { callReplica, replicaStub } from "../group-calls";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { unwrap } from "../rpc-unwrap";
import { NodeIdParam, RingParam } from "./dht-schemas";
import { MAX_REPLICA_ID } from "./groups";
import { GroupParam } from "./kv-schemas";

const ReplicaId = z.number().int().min(1).max(MAX_REPLICA_ID);

const FaultSchema = z
  .object({
    partition: z.array(z.array(ReplicaId).min(1)).min(1).optional(),
    drop: z.number().min(0).max(1).optional(),
    delayMs: z
      .tuple([z.number().min(0).max(10_000), z.number().min(0).max(10_000)])
      .refine(([lo, hi]) => lo <= hi, "delayMs must be [min, max] with min ≤ max")
      .optional(),
    crash: z.array(ReplicaId).optional(),
  })
  .strict();

const params = z.object({ group: GroupParam });

const setRoute = createRoute({
  method: "post",
  path: "/v1/_faults/groups/{group}",
  hide: true,
  middleware: [devOnly(), jsonBody()] as const,
  request: {
    params,
    body: { content: { "application/json": { schema: FaultSchema } }, required: true },
  },
  responses: { 200: { description: "Applied" } },
});

const RingFaultSchema = z
  .object({ crash: z.union([z.literal("all"), z.array(NodeIdParam).min(1)]) })
  .strict();

const ringCrashRoute = createRoute({
  method: "post",
  path: "/v1/_faults/rings/{ring}",
  hide: true,
  middleware: [devOnly(), jsonBody()] as const,
  request: {
    params: z.object({ ring: RingParam }),
    body: { content: { "application/json": { schema: RingFaultSchema } }, required: true },
  },
  responses: { 200: { description: "Crashed" } },
});

const healRoute = createRoute({
  method: "delete",
  path: "/v1/_faults/groups/{group}",
  hide: true,
  middleware: [devOnly()] as const,
  request: { params },
  responses: { 200: { description: "Healed" } },
});

/** Whether this deployment has the dev-only fault routes (`EDGEOS_DEV_FAULTS=1`). */
export function devFaultsEnabled(env: Env): boolean {
  return env.EDGEOS_DEV_FAULTS === "1";
}

/**
 * Whether a registered route (Hono's pattern) is a fault route. Without dev faults such a
 * route must not show in a 405's `Allow` or a trailing-slash hint either, or a 404 would
 * tell it apart from a path that does not exist.
 */
export function isFaultRoute(pattern: string): boolean {
  return pattern.startsWith("/v1/_faults/");
}

/** Adds the fault routes (they answer 404 unless dev faults are enabled). */
export function registerFaultRoutes(app: ApiApp): void {
  app.openapi(setRoute, async (c) => {
    const { group } = c.req.valid("param");
    const { crash, ...plan } = c.req.valid("json");
    const members = await membersOf(c.env, group);
    await Promise.all(members.map((id) => replicaStub(c.env, group, id).setFaults(plan)));
    for (const id of crash ?? []) {
      // Aborting the object makes this call fail: that failure is the crash.
      await replicaStub(c.env, group, id)
        .crash()
        .catch(() => undefined);
    }
    return c.json({ group, members, applied: { ...plan, crash: crash ?? [] } }, 200);
  });

  app.openapi(healRoute, async (c) => {
    const { group } = c.req.valid("param");
    const members = await membersOf(c.env, group);
    await Promise.all(members.map((id) => replicaStub(c.env, group, id).setFaults({})));
    return c.json({ group, members, healed: true }, 200);
  });

  app.openapi(ringCrashRoute, async (c) => {
    const { ring } = c.req.valid("param");
    const { crash } = c.req.valid("json");
    const record = unwrap(await c.env.RING_DIRECTORY.getByName(ring).info(ring));
    const live = liveMembers(record);
    const hosts = crash === "all" ? [...new Set(live.map((m) => m.host))] : crash;
    const unknown = hosts.find((host) => !live.some((m) => m.host === host));
    if (unknown !== undefined) {
      throw new ProblemError("bad-request", `"${unknown}" is not a live node of ring "${ring}"`, {
        field: "body.crash",
      });
    }
    const doomed = live.filter((m) => hosts.includes(m.host));
    // Aborting an object makes the call fail: that failure is the crash.
    await Promise.all(
      doomed.map((m) =>
        ringNodeStub(c.env, record.spec.overlay, m.addr)
          .crash()
          .catch(() => undefined),
      ),
    );
    if (crash === "all") {
      await c.env.RING_DIRECTORY.getByName(ring)
        .crash()
        .catch(() => undefined);
      dropView(ring);
    }
    return c.json({ ring, crashed: hosts, directory: crash === "all" }, 200);
  });
}

/** 404 unless `EDGEOS_DEV_FAULTS=1`. */
function devOnly(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    if (!devFaultsEnabled(c.env))
      throw new ProblemError("not-found", `no route for ${c.req.method} ${c.req.path}`);
    await next();
  };
}

/** Every voter and learner, as replica 1 knows the membership. */
async function membersOf(env: Env, group: string): Promise<number[]> {
  const status: ReplicaStatus = await callReplica(env, group, 1, (stub, address) =>
    stub.status(address, false),
  );
  return [...status.conf.voters, ...status.conf.learners];
}
