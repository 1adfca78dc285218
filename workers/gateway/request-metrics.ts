/**
 * Counts every request into this isolate's window of the last minutes — its route
 * family, status and time to the response's headers — and keeps each 5xx (with
 * `outcome: unknown` marked) as a problem; and ships the window to the metrics object in
 * a batch, after the response (`waitUntil`), at most every {@link FLUSH_INTERVAL_MS}, or
 * {@link PROBLEM_FLUSH_MS} after a problem so it shows soon. An isolate that stops
 * serving keeps its last unsent requests until it serves again; a metrics read sends the
 * reading isolate's own first. The dashboard's in-process reads of the API carry
 * {@link INTERNAL_READ_HEADER} and are not counted: the page's own request is.
 */
import type { Context, MiddlewareHandler } from "hono";
import { METRICS_OBJECT } from "../../durable-objects/metrics/cluster-metrics";
import { RequestWindow, type WindowSummary } from "../../shared/metrics/request-window";
import { type RouteFamily, routeFamily } from "../../shared/metrics/route-family";
import type { RequestVariables } from "./request-log";

/** Least time between two batches from one isolate. */
export const FLUSH_INTERVAL_MS = 10_000;

/** Least time between two batches while a problem waits to be sent. */
export const PROBLEM_FLUSH_MS = 1_000;

/** Header on the dashboard's in-process API reads, so each is not counted twice. */
export const INTERNAL_READ_HEADER = "edgeos-internal-read";

const buffered = new RequestWindow();
let lastFlushAt = 0;
let problemWaiting = false;

type MetricsEnv = { Bindings: Env; Variables: RequestVariables };

/** Middleware counting requests; `familyOf` names a request's family (by its path). */
export function requestMetrics(
  familyOf: (path: string) => RouteFamily = routeFamily,
): MiddlewareHandler<MetricsEnv> {
  return async (c, next) => {
    if (c.req.header(INTERNAL_READ_HEADER) !== undefined) return next();
    const started = performance.now();
    await next();
    const now = Date.now();
    const status = c.res.status;
    buffered.record(familyOf(c.req.path), status, performance.now() - started, now);
    if (status >= 500) {
      const unknown = await unknownOutcome(c.res);
      buffered.recordProblem({
        at: now,
        method: c.req.method,
        path: c.req.path,
        status,
        requestId: c.get("requestId"),
        ...(unknown && { outcome: "unknown" as const }),
      });
      problemWaiting = true;
    }
    const wait = problemWaiting ? PROBLEM_FLUSH_MS : FLUSH_INTERVAL_MS;
    if (now - lastFlushAt >= wait) afterResponse(c, flushMetrics(c.env));
  };
}

/**
 * Sends this isolate's buffered requests to the metrics object and answers the window of
 * the whole deployment. A batch that fails to arrive is kept for the next one.
 */
export async function flushMetrics(env: Env): Promise<WindowSummary> {
  const batch = buffered.drain();
  lastFlushAt = Date.now();
  problemWaiting = false;
  try {
    return await env.CLUSTER_METRICS.getByName(METRICS_OBJECT).record(batch);
  } catch (error) {
    buffered.merge(batch, Date.now());
    throw error;
  }
}

/** Whether `response` is a problem saying that a write's outcome is unknown. */
async function unknownOutcome(response: Response): Promise<boolean> {
  if (response.status !== 503) return false;
  if (!(response.headers.get("content-type") ?? "").includes("problem+json")) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { outcome?: unknown } | null;
  return body?.outcome === "unknown";
}

/** Runs `work` after the response when the request has an execution context. */
function afterResponse(c: Context<MetricsEnv>, work: Promise<unknown>): void {
  const settled = work.catch(() => undefined);
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // No execution context (an in-process call in a test): the work still runs.
  }
}
