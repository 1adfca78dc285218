/**
 * `GET /healthz`: liveness plus what a caller needs to know about this deployment —
 * version, isolate uptime, enabled parts, whether a token is required, whether the
 * dev-only fault routes exist.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { version } from "../../../package.json";
import type { ApiApp } from "../api-app";
import { authRequired } from "../auth";
import { devFaultsEnabled } from "./faults";

/**
 * When this isolate served its first request; uptime is measured from here. Set lazily
 * because the Workers clock does not run during global-scope evaluation.
 */
let isolateStarted: number | undefined;

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string().openapi({ example: "0.1.0" }),
    uptimeMs: z.number().int().openapi({ description: "Milliseconds since this isolate started" }),
    parts: z
      .record(z.string(), z.boolean())
      .openapi({ description: "Each part of edgeos and whether this deployment serves it" }),
    auth: z.enum(["token", "open"]).openapi({
      description: '"token" when EDGEOS_TOKEN is set and /v1 routes need a bearer token',
    }),
    devFaults: z.boolean().openapi({ description: "Whether the dev-only fault routes exist" }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/healthz",
  summary: "Health of this edgeos deployment",
  tags: ["cluster"],
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
  },
});

/** Adds `/healthz`; `parts` lists every part with whether it is enabled. */
export function registerHealthRoutes(app: ApiApp, parts: Record<string, boolean>): void {
  app.openapi(route, (c) => {
    isolateStarted ??= Date.now();
    return c.json(
      {
        status: "ok" as const,
        version,
        uptimeMs: Date.now() - isolateStarted,
        parts,
        auth: authRequired(c.env) ? ("token" as const) : ("open" as const),
        devFaults: devFaultsEnabled(c.env),
      },
      200,
    );
  });
}
