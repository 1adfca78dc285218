/**
 * `POST /v1/placement`: pure compute. Chooses k sites for a set of jobs and assigns each
 * job to one within capacity, reporting modelled latency, per-site load and the CPU
 * milliseconds the computation took (`cpuMs`; meaningful under local workerd, whose
 * clock advances while computing — Cloudflare's advances only on I/O).
 *
 * The body is validated once, by the pure core's parser (parsePlacementRequest), not also
 * by the zod schema, which here only documents the route in the OpenAPI document: the
 * parser checks everything the schema states and more (duplicate ids, catalog codes,
 * k against the candidates), and validating 10,000 jobs twice cost CPU time the free
 * plan's 10 ms budget has no room for — most of all in a fresh isolate, where zod's
 * generic code runs cold.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { PlacementInputError } from "../../../shared/sched/placement/errors";
import {
  MAX_DEMAND,
  MAX_DEMAND_SIZES,
  MAX_JOB_ID_LENGTH,
  MAX_JOBS,
  MAX_K,
  MAX_SEED,
  MAX_SITE_LIST,
} from "../../../shared/sched/placement/limits";
import { place } from "../../../shared/sched/placement/place";
import type { ApiApp } from "../api-app";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";

const PlacementRequestSchema = z
  .object({
    jobs: z
      .array(
        z.object({
          id: z.string().min(1).max(MAX_JOB_ID_LENGTH),
          lat: z.number().min(-90).max(90),
          lon: z.number().min(-180).max(180),
          demand: z.number().positive().max(MAX_DEMAND).optional(),
        }),
      )
      .min(1)
      .max(MAX_JOBS)
      .openapi({
        description: `Unique ids; at most ${MAX_DEMAND_SIZES} distinct demand values (default 1)`,
      }),
    k: z.number().int().min(1).max(MAX_K),
    sites: z
      .union([z.enum(["colos", "regions"]), z.array(z.string()).min(1).max(MAX_SITE_LIST)])
      .optional()
      .openapi({
        description:
          '"colos" (every colo, default), "regions" (one per location hint) or IATA codes',
      }),
    capacity: z
      .union([
        z.number().positive().max(MAX_DEMAND),
        z.record(z.string(), z.number().nonnegative().max(MAX_DEMAND)),
      ])
      .optional()
      .openapi({ description: "Capacity of every chosen site, or per IATA code" }),
    seed: z.number().int().min(0).max(MAX_SEED).optional(),
  })
  .strict()
  .openapi("PlacementRequest", {
    example: {
      jobs: [
        { id: "paris", lat: 48.86, lon: 2.35 },
        { id: "berlin", lat: 52.52, lon: 13.4, demand: 2 },
        { id: "tokyo", lat: 35.68, lon: 139.69 },
      ],
      k: 2,
      capacity: 3,
      seed: 1,
    },
  });

const PlacementResultSchema = z
  .object({
    sites: z.array(
      z.object({
        iata: z.string(),
        city: z.string(),
        country: z.string(),
        lat: z.number(),
        lon: z.number(),
        hint: z.string(),
        capacity: z.number().nullable(),
        load: z.number(),
        jobs: z.number().int(),
        meanLatencyMs: z.number(),
      }),
    ),
    assignment: z.array(z.object({ id: z.string(), site: z.string(), latencyMs: z.number() })),
    meanLatencyMs: z.number(),
    p95LatencyMs: z.number(),
    totalDemand: z.number(),
    overflow: z.number(),
    cpuMs: z.number(),
  })
  .openapi("PlacementResult", {
    example: {
      sites: [
        {
          iata: "FRA",
          city: "Frankfurt",
          country: "DE",
          lat: 50.03,
          lon: 8.57,
          hint: "weur",
          capacity: 3,
          load: 3,
          jobs: 2,
          meanLatencyMs: 6.1,
        },
        {
          iata: "NRT",
          city: "Tokyo",
          country: "JP",
          lat: 35.76,
          lon: 140.39,
          hint: "apac",
          capacity: 3,
          load: 1,
          jobs: 1,
          meanLatencyMs: 1.4,
        },
      ],
      assignment: [
        { id: "paris", site: "FRA", latencyMs: 6.9 },
        { id: "berlin", site: "FRA", latencyMs: 5.3 },
        { id: "tokyo", site: "NRT", latencyMs: 1.4 },
      ],
      meanLatencyMs: 4.5,
      p95LatencyMs: 6.9,
      totalDemand: 4,
      overflow: 0,
      cpuMs: 1.2,
    },
  });

const route = createRoute({
  method: "post",
  path: "/v1/placement",
  summary: "Choose k edge sites for a set of jobs and balance the jobs over them",
  tags: ["scheduler"],
  request: {
    body: { content: { "application/json": { schema: PlacementRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: "The placement",
      content: { "application/json": { schema: PlacementResultSchema } },
    },
    400: problemResponseSpec("Invalid request"),
    401: problemResponseSpec("Missing or wrong bearer token"),
    413: problemResponseSpec("Body too large"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

/** Adds `POST /v1/placement`. */
export function registerPlacementRoutes(app: ApiApp): void {
  app.openAPIRegistry.registerPath(route);
  app.post(route.path, jsonBody(), async (c) => {
    const body: unknown = await c.req.json();
    const started = performance.now();
    let result: ReturnType<typeof place>;
    try {
      result = place(body);
    } catch (error) {
      if (error instanceof PlacementInputError) {
        const field = bodyField(error.field);
        throw new ProblemError("validation-failed", `${field}: ${error.detail}`, {
          field,
          extensions: { errors: [{ field, message: error.detail }] },
        });
      }
      throw error;
    }
    const cpuMs = Math.round((performance.now() - started) * 1000) / 1000;
    return c.json(
      { ...result, sites: [...result.sites], assignment: [...result.assignment], cpuMs },
      200,
    );
  });
}

/** "jobs[3].lat" → "body.jobs.3.lat"; "" → "body". */
function bodyField(field: string): string {
  const dotted = field.replace(/\[(\d+)\]/g, ".$1");
  return dotted ? `body.${dotted}` : "body";
}
