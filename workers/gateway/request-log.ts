/**
 * Gives every request an id (echoed in the `edgeos-request-id` response header and in
 * problem bodies) and writes one JSON line per request: method, path, status, duration
 * and request id. Nothing else from the request — no headers, no query, no body — is
 * logged, so tokens and values never reach the logs. `EDGEOS_LOG_REQUESTS=0` turns the line
 * off: `npm start` does, because wrangler dev prints its own line for every request, and
 * the workerd tests do.
 */
import type { MiddlewareHandler } from "hono";

/** Response header carrying the request id. */
export const REQUEST_ID_HEADER = "edgeos-request-id";

/** Variables the middleware makes available to later handlers. */
export interface RequestVariables {
  requestId: string;
}

/** One structured log line. */
export interface RequestLogLine {
  msg: "request";
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
}

/** Middleware that assigns the request id and logs the finished request. */
export function requestLog(): MiddlewareHandler<{ Bindings: Env; Variables: RequestVariables }> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    c.set("requestId", requestId);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    if (c.env.EDGEOS_LOG_REQUESTS === "0") return;
    const line: RequestLogLine = {
      msg: "request",
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestId,
    };
    console.log(JSON.stringify(line));
  };
}
