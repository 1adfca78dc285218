/**
 * `GET /v1/metrics`: the deployment's requests of the last minutes — per route family how
 * many, how many answered a 5xx, and their p50 and p99 time to the response's headers —
 * and the latest problems (5xx answers, writes with `outcome: unknown` marked). The
 * reading isolate sends its own unsent requests first.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { QUANTILE_ERROR } from "../../../shared/metrics/latency-histogram";
import { MAX_PROBLEMS, WINDOW_MINUTES } from "../../../shared/metrics/request-window";
import { ROUTE_FAMILIES } from "../../../shared/metrics/route-family";
import type { ApiApp } from "../api-app";
import { problemResponseSpec } from "../problem-schema";
import { flushMetrics } from "../request-metrics";

const quantileNote = `±${Math.round(QUANTILE_ERROR * 100)}%; null with no requests`;

const MetricsSchema = z
  .object({
    windowMinutes: z
      .number()
      .int()
      .openapi({ description: "Minutes covered, the current one included" }),
    families: z.array(
      z.object({
        family: z.enum(ROUTE_FAMILIES),
        requests: z.number().int(),
        errors: z.number().int().openapi({ description: "Requests answered with a 5xx" }),
        p50Ms: z
          .number()
          .nullable()
          .openapi({ description: `Median, ${quantileNote}` }),
        p99Ms: z
          .number()
          .nullable()
          .openapi({ description: `99th percentile, ${quantileNote}` }),
      }),
    ),
    problems: z
      .array(
        z.object({
          at: z.number().int().openapi({ description: "Milliseconds since the epoch" }),
          method: z.string(),
          path: z.string().openapi({ description: "The path only: no query, header or body" }),
          status: z.number().int(),
          requestId: z.string(),
          outcome: z.literal("unknown").optional(),
        }),
      )
      .openapi({ description: `The latest ${MAX_PROBLEMS}, newest first` }),
  })
  .openapi("RequestMetrics", {
    example: {
      windowMinutes: WINDOW_MINUTES,
      families: [{ family: "kv", requests: 1200, errors: 1, p50Ms: 3.4, p99Ms: 19.0 }],
      problems: [
        {
          at: 1_764_950_400_000,
          method: "PUT",
          path: "/v1/groups/default/kv/config/app",
          status: 503,
          requestId: "6f1c2a9e-3b7d-4e15-a0c4-9d2b7e8f1a30",
          outcome: "unknown",
        },
      ],
    },
  });

const route = createRoute({
  method: "get",
  path: "/v1/metrics",
  summary: `Requests of the last ${WINDOW_MINUTES} minutes by route family, and the latest problems`,
  tags: ["cluster"],
  responses: {
    200: {
      description: "The window",
      content: { "application/json": { schema: MetricsSchema } },
    },
    401: problemResponseSpec("Missing or wrong bearer token"),
    503: problemResponseSpec("The metrics object did not answer"),
  },
});

/** Adds `GET /v1/metrics`. */
export function registerMetricsRoutes(app: ApiApp): void {
  app.openapi(route, async (c) => c.json(await flushMetrics(c.env), 200));
}
