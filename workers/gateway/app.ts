/**
 * The gateway: one Hono app with one error path. Middleware order matters —
 * request id and log first (so even auth failures are logged with an id), then auth,
 * then the routes; unknown paths become 404 or 405 problems, and every thrown error
 * becomes a problem response in `onError`.
 */
import { HTTPException } from "hono/http-exception";
import { registerUiRoutes } from "../ui/ui-routes";
import { allowedMethods, type RegisteredRoute } from "./allowed-methods";
import { type ApiApp, createApiApp } from "./api-app";
import { bearerAuth } from "./auth";
import { ProblemError, problemResponse } from "./problem";
import { requestLog } from "./request-log";
import { requestMetrics } from "./request-metrics";
import { registerDirRoutes } from "./routes/dirs";
import { registerDocsRoutes } from "./routes/docs";
import { devFaultsEnabled, isFaultRoute, registerFaultRoutes } from "./routes/faults";
import { registerFileRoutes } from "./routes/files";
import { registerGroupRoutes } from "./routes/groups";
import { registerHealthRoutes } from "./routes/health";
import { registerJobRoutes } from "./routes/jobs";
import { registerKvRoutes } from "./routes/kv";
import { registerKvRangeRoutes } from "./routes/kv-range";
import { registerLeaseRoutes } from "./routes/leases";
import { registerMetricsRoutes } from "./routes/metrics";
import { registerPlacementRoutes } from "./routes/placement";
import { registerRingKeyRoutes } from "./routes/ring-keys";
import { registerRingRoutes } from "./routes/rings";
import { registerTxnRoutes } from "./routes/txn";
import { registerUploadRoutes } from "./routes/uploads";
import { registerVolumeRoutes } from "./routes/volumes";
import { registerWatchRoutes } from "./routes/watch";
import { wellEncodedUrl } from "./url-encoding";

/** The parts of edgeos and whether this build serves them; each flips when its routes land. */
export const PARTS = {
  gateway: true,
  consensus: true,
  dht: true,
  fs: true,
  scheduler: true,
} as const;

/** Builds the gateway app with every route registered. */
export function createGateway(): ApiApp {
  const app = createApiApp();
  app.use("*", requestLog());
  app.use("*", requestMetrics());
  app.use("*", bearerAuth());
  app.use("*", wellEncodedUrl());

  registerHealthRoutes(app, { ...PARTS });
  registerMetricsRoutes(app);
  registerGroupRoutes(app);
  registerKvRoutes(app);
  registerKvRangeRoutes(app);
  registerTxnRoutes(app);
  registerLeaseRoutes(app);
  registerWatchRoutes(app);
  registerFaultRoutes(app);
  registerJobRoutes(app);
  registerPlacementRoutes(app);
  registerRingRoutes(app);
  registerRingKeyRoutes(app);
  registerVolumeRoutes(app);
  registerFileRoutes(app);
  registerDirRoutes(app);
  registerUploadRoutes(app);
  registerUiRoutes(app);
  registerDocsRoutes(app);

  app.notFound((c) => {
    const routes = devFaultsEnabled(c.env)
      ? app.routes
      : app.routes.filter((route) => !isFaultRoute(route.path));
    const allowed = allowedMethods(routes, c.req.path);
    const problem =
      allowed.length > 0
        ? new ProblemError(
            "method-not-allowed",
            `${c.req.method} is not allowed on ${c.req.path}`,
            {
              headers: { allow: allowed.join(", ") },
              extensions: { allowed },
            },
          )
        : new ProblemError(
            "not-found",
            `no route for ${c.req.method} ${c.req.path}${slashHint(routes, c.req.method, c.req.path)}`,
          );
    return problemResponse(problem, c.req.path, c.get("requestId"));
  });

  app.onError((error, c) => {
    const problem = toProblem(error);
    if (!(error instanceof ProblemError) && problem.status >= 500) {
      console.error(
        JSON.stringify({
          msg: "unhandled error",
          requestId: c.get("requestId"),
          error: String(error),
        }),
      );
    }
    return problemResponse(problem, c.req.path, c.get("requestId"));
  });
  return app;
}

/** For a path with a trailing slash that would match without it: say so. */
function slashHint(routes: readonly RegisteredRoute[], method: string, path: string): string {
  if (path.length < 2 || !path.endsWith("/")) return "";
  const bare = path.replace(/\/+$/, "");
  return allowedMethods(routes, bare).includes(method) ? ` (did you mean ${bare}?)` : "";
}

/** Maps any thrown value to a problem; internals never reach the response. */
function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    return frameworkProblem(error);
  }
  return new ProblemError("internal", "the server failed to handle this request");
}

/**
 * A framework's client error (Hono's validator, body limit, auth…) as a problem of the same
 * status: its kind in the catalogue, or a kind-less problem of that status. Headers of the
 * response it carries (`WWW-Authenticate`, `Allow`) are kept; its body is not, since every
 * error body is a problem. Without a message, the detail is the title.
 */
function frameworkProblem(error: HTTPException): ProblemError {
  const headers: Record<string, string> = {};
  error.res?.headers.forEach((value, name) => {
    if (!name.startsWith("content-")) headers[name] = value;
  });
  const problem = new ProblemError(error.status, error.message, { headers });
  if (problem.message) return problem;
  return new ProblemError(error.status, problem.title.toLowerCase(), { headers });
}
