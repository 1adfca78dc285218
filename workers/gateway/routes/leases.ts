/**
 * Leases: grant with a TTL in seconds, keep alive, revoke (deleting the keys attached).
 * Expiry is decided by the group's leader on its own clock and applied through the log.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_LEASE_TTL_SECONDS } from "../../../shared/kv";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { bodyField, writeCommand } from "../kv-calls";
import { problemResponseSpec } from "../problem-schema";
import { DeletedSchema, GroupParam, groupErrors, json } from "./kv-schemas";

const LeaseParams = z.object({
  group: GroupParam,
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});
const LeaseSchema = z.object({ id: z.number().int(), ttl: z.number().int() }).openapi("Lease");
const paramField = (field: string) => (field === "id" ? "param.id" : bodyField(field));

const grantRoute = createRoute({
  method: "post",
  path: "/v1/groups/{group}/leases",
  summary: "Grant a lease",
  tags: ["kv"],
  middleware: [jsonBody()] as const,
  request: {
    params: z.object({ group: GroupParam }),
    body: {
      content: {
        "application/json": {
          schema: z.object({ ttl: z.number().int().min(1).max(MAX_LEASE_TTL_SECONDS) }).strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: json("Granted", LeaseSchema),
    ...groupErrors,
    415: problemResponseSpec("Body is not JSON"),
  },
});

const keepAliveRoute = createRoute({
  method: "post",
  path: "/v1/groups/{group}/leases/{id}/keepalive",
  summary: "Renew a lease for another TTL",
  tags: ["kv"],
  request: { params: LeaseParams },
  responses: { 200: json("Renewed", LeaseSchema), ...groupErrors },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/v1/groups/{group}/leases/{id}",
  summary: "Revoke a lease and delete its keys",
  tags: ["kv"],
  request: { params: LeaseParams },
  responses: {
    200: json("Revoked", DeletedSchema),
    ...groupErrors,
  },
});

/** Adds the lease routes. */
export function registerLeaseRoutes(app: ApiApp): void {
  app.openapi(grantRoute, async (c) => {
    const { group } = c.req.valid("param");
    const command = { type: "leaseGrant" as const, ttl: c.req.valid("json").ttl, now: Date.now() };
    const result = await writeCommand(c.env, group, command, bodyField);
    return c.json({ id: result.id, ttl: result.ttl }, 200);
  });

  app.openapi(keepAliveRoute, async (c) => {
    const { group, id } = c.req.valid("param");
    const command = { type: "leaseKeepAlive" as const, id, now: Date.now() };
    const result = await writeCommand(c.env, group, command, paramField);
    return c.json({ id: result.id, ttl: result.ttl }, 200);
  });

  app.openapi(revokeRoute, async (c) => {
    const { group, id } = c.req.valid("param");
    const result = await writeCommand(c.env, group, { type: "leaseRevoke", id }, paramField);
    return c.json({ deleted: result.deleted, revision: result.revision }, 200);
  });
}
