/**
 * Jobs: submit, read, list, cancel. Submissions are validated in full — the envelope by
 * zod, the input by the kind's own parser, the origin from the body or `request.cf` —
 * before the scheduler is touched, so a rejected submission changes nothing. Lookups and
 * cancellation answer the scheduler's own problems (`not-found`, `conflict`) as they are.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { schedulerStub } from "../../../durable-objects/jobs/executor-stub";
import {
  type GeoPoint,
  JOB_LIMITS,
  type JobRecord,
  type JsonValue,
} from "../../../shared/jobs/job";
import { JobInputError } from "../../../shared/jobs/kinds/job-kind";
import { JOB_KINDS, jobKind } from "../../../shared/jobs/kinds/registry";
import type { ApiApp, GatewayEnv } from "../api-app";
import { jsonBody } from "../json-body";
import { ProblemError } from "../problem";
import { problemResponseSpec } from "../problem-schema";
import { unwrap } from "../rpc-unwrap";

/** Jobs listed per page when no limit is given, and the most per page. */
export const DEFAULT_JOB_LIST_LIMIT = 20;
export const MAX_JOB_LIST_LIMIT = 100;

const JOB_STATES = ["queued", "placed", "running", "succeeded", "failed", "cancelled"] as const;

const GeoPointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

const SubmissionSchema = z
  .object({
    kind: z.string().min(1).max(JOB_LIMITS.maxKindLength).openapi({ example: "sha256" }),
    input: z.unknown().openapi({ example: { text: "hello" } }),
    origin: GeoPointSchema.optional().openapi({
      description: "Where the job comes from; defaults to the caller's location",
    }),
    idempotencyKey: z.string().min(1).max(JOB_LIMITS.maxIdempotencyKeyLength).optional(),
    timeoutMs: z
      .number()
      .int()
      .min(JOB_LIMITS.minTimeoutMs)
      .max(JOB_LIMITS.maxTimeoutMs)
      .optional(),
    maxAttempts: z.number().int().min(1).max(JOB_LIMITS.maxMaxAttempts).optional(),
  })
  .strict()
  .openapi("JobSubmission", {
    example: {
      kind: "sha256",
      input: { text: "hello" },
      origin: { lat: 48.86, lon: 2.35 },
      idempotencyKey: "hello-1",
    },
  });

const AttemptSchema = z
  .object({
    attempt: z.number().int().openapi({ description: "1 for the first attempt" }),
    site: z.string().openapi({ description: "IATA code of the site it ran at" }),
    placedAt: z.string(),
    startedAt: z.string(),
    endedAt: z.string().nullable().openapi({ description: "null while it runs" }),
    outcome: z
      .enum(["succeeded", "failed", "timed-out", "cancelled"])
      .nullable()
      .openapi({ description: "null while it runs" }),
    error: z.string().nullable(),
  })
  .openapi("JobAttempt");

const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(JOB_STATES),
    site: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    timeoutMs: z.number().int(),
    origin: GeoPointSchema,
    idempotencyKey: z.string().nullable(),
    createdAt: z.string(),
    placedAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: z.unknown(),
    error: z.string().nullable(),
    attemptLog: z
      .array(AttemptSchema)
      .openapi({ description: "Every attempt started, oldest first" }),
  })
  .openapi("Job", {
    example: {
      id: "0b4f6a52-3c1e-4b8e-9a55-2f7d1c9e0a11",
      kind: "sha256",
      state: "succeeded",
      site: "CDG",
      attempts: 1,
      maxAttempts: 3,
      timeoutMs: 30000,
      origin: { lat: 48.86, lon: 2.35 },
      idempotencyKey: "hello-1",
      createdAt: "2026-01-01T12:00:00.000Z",
      placedAt: "2026-01-01T12:00:00.020Z",
      startedAt: "2026-01-01T12:00:00.041Z",
      finishedAt: "2026-01-01T12:00:00.052Z",
      result: { sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
      error: null,
      attemptLog: [
        {
          attempt: 1,
          site: "CDG",
          placedAt: "2026-01-01T12:00:00.020Z",
          startedAt: "2026-01-01T12:00:00.041Z",
          endedAt: "2026-01-01T12:00:00.052Z",
          outcome: "succeeded",
          error: null,
        },
      ],
    },
  });

const IdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({
      param: { name: "id", in: "path" },
      description: "The job's id, as POST /v1/jobs answered it",
      example: "0b4f6a52-3c1e-4b8e-9a55-2f7d1c9e0a11",
    }),
});

const errors = {
  400: problemResponseSpec("Invalid request"),
  401: problemResponseSpec("Missing or wrong bearer token"),
};

const submitRoute = createRoute({
  method: "post",
  path: "/v1/jobs",
  summary: "Submit a job",
  description: `Kinds: ${[...JOB_KINDS.values()].map((kind) => `${kind.name} (${kind.description})`).join("; ")}.`,
  tags: ["scheduler"],
  middleware: [jsonBody()] as const,
  request: {
    body: { content: { "application/json": { schema: SubmissionSchema } }, required: true },
  },
  responses: {
    202: {
      description: "Queued",
      content: {
        "application/json": { schema: z.object({ id: z.string(), state: z.enum(JOB_STATES) }) },
      },
    },
    200: {
      description: "An earlier job with the same idempotency key",
      content: {
        "application/json": { schema: z.object({ id: z.string(), state: z.enum(JOB_STATES) }) },
      },
    },
    ...errors,
    413: problemResponseSpec("Input too large"),
    415: problemResponseSpec("Body is not JSON"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/jobs/{id}",
  summary: "A job's state, attempts, timings and result",
  tags: ["scheduler"],
  request: { params: IdParams },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: JobSchema } } },
    ...errors,
    404: problemResponseSpec("No such job"),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/jobs",
  summary: "Jobs, newest first",
  tags: ["scheduler"],
  request: {
    query: z.object({
      state: z.enum(JOB_STATES).optional().openapi({ description: "Only jobs in this state" }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_JOB_LIST_LIMIT)
        .default(DEFAULT_JOB_LIST_LIMIT)
        .openapi({ description: "Most jobs in the answer" }),
    }),
  },
  responses: {
    200: {
      description: "Jobs",
      content: { "application/json": { schema: z.object({ items: z.array(JobSchema) }) } },
    },
    ...errors,
  },
});

const cancelRoute = createRoute({
  method: "delete",
  path: "/v1/jobs/{id}",
  summary: "Cancel a job that has not finished",
  tags: ["scheduler"],
  request: { params: IdParams },
  responses: {
    200: {
      description: "The cancelled job",
      content: { "application/json": { schema: JobSchema } },
    },
    ...errors,
    404: problemResponseSpec("No such job"),
    409: problemResponseSpec("The job already finished"),
  },
});

/** Adds the job routes. */
export function registerJobRoutes(app: ApiApp): void {
  app.openapi(submitRoute, async (c) => {
    const body = c.req.valid("json");
    const kind = jobKind(body.kind);
    if (!kind) {
      throw new ProblemError(
        "validation-failed",
        `unknown kind "${body.kind}"; known kinds: ${[...JOB_KINDS.keys()].join(", ")}`,
        {
          field: "body.kind",
        },
      );
    }
    const inputBytes = new TextEncoder().encode(JSON.stringify(body.input ?? null)).byteLength;
    if (inputBytes > JOB_LIMITS.maxInputBytes) {
      throw new ProblemError(
        "payload-too-large",
        `input is ${inputBytes} bytes; the limit is ${JOB_LIMITS.maxInputBytes}`,
        {
          field: "body.input",
        },
      );
    }
    try {
      kind.parse(body.input);
    } catch (error) {
      if (error instanceof JobInputError) {
        throw new ProblemError("validation-failed", error.message, {
          field: `body.${error.field}`,
        });
      }
      throw error;
    }
    const origin = body.origin ?? callerLocation(c);
    // The body came from JSON.parse, so its input is JSON.
    const submission = { ...body, input: body.input as JsonValue, origin };
    const { job, created } = unwrap(await schedulerStub(c.env).submit(submission));
    c.header("location", `/v1/jobs/${job.id}`);
    return c.json({ id: job.id, state: job.state }, created ? 202 : 200);
  });

  app.openapi(getRoute, async (c) => {
    const job = unwrap(await schedulerStub(c.env).get(c.req.valid("param").id));
    return c.json(view(job), 200);
  });

  app.openapi(listRoute, async (c) => {
    const { state, limit } = c.req.valid("query");
    const jobs = unwrap(await schedulerStub(c.env).list(state, limit));
    return c.json({ items: jobs.map(view) }, 200);
  });

  app.openapi(cancelRoute, async (c) => {
    const job = unwrap(await schedulerStub(c.env).cancel(c.req.valid("param").id));
    return c.json(view(job), 200);
  });
}

/** The caller's location from `request.cf`; locally a fixed placeholder. */
function callerLocation(c: Context<GatewayEnv>): GeoPoint {
  const cf = c.req.raw.cf as { latitude?: string; longitude?: string } | undefined;
  const lat = Number(cf?.latitude);
  const lon = Number(cf?.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    throw new ProblemError(
      "validation-failed",
      "no origin given and the caller's location is unknown",
      {
        field: "body.origin",
      },
    );
  }
  return { lat, lon };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public shape of a job record. */
function view(job: JobRecord) {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    site: job.site,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    timeoutMs: job.timeoutMs,
    origin: job.origin,
    idempotencyKey: job.idempotencyKey,
    createdAt: iso(job.createdAt) as string,
    placedAt: iso(job.placedAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    result: job.result,
    error: job.error,
    attemptLog: job.attemptLog.map((a) => ({
      ...a,
      placedAt: iso(a.placedAt) as string,
      startedAt: iso(a.startedAt) as string,
      endedAt: iso(a.endedAt),
    })),
  };
}
