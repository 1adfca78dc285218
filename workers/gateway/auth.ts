/**
 * Bearer-token authentication. When the secret `EDGEOS_TOKEN` is set, every route except
 * the public ones needs `Authorization: Bearer <token>`; the comparison is constant-time
 * (both sides are hashed to equal length first). When it is unset the API is open.
 * Dashboard pages are public shells that hold no data then; their data fragments are not.
 */
import type { MiddlewareHandler } from "hono";
import { isUiPage } from "../ui/ui-paths";
import { ProblemError } from "./problem";

/** Paths that never need a token: liveness, the API description and the index linking them. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  "/",
  "/v1",
  "/healthz",
  "/openapi.json",
  "/docs",
]);

/** Whether the deployment requires a token. */
export function authRequired(env: Env): boolean {
  return typeof env.EDGEOS_TOKEN === "string" && env.EDGEOS_TOKEN.length > 0;
}

/** Middleware enforcing the bearer token on non-public paths. */
export function bearerAuth(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    if (!authRequired(c.env) || PUBLIC_PATHS.has(c.req.path) || isUiPage(c.req.path)) {
      return next();
    }
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      throw unauthorized("missing bearer token (send Authorization: Bearer <token>)");
    }
    if (!(await tokensEqual(match[1] ?? "", c.env.EDGEOS_TOKEN ?? ""))) {
      throw unauthorized("bearer token does not match");
    }
    return next();
  };
}

/** Constant-time equality of two strings, independent of where they first differ. */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError("unauthorized", detail, {
    headers: { "www-authenticate": 'Bearer realm="edgeos"' },
  });
}
