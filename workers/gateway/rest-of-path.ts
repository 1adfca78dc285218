/**
 * Routes whose last path parameter is the whole rest of the path, slashes included
 * (`/v1/groups/{group}/kv/{key}` serving `…/kv/config/app/db`). OpenAPI 3 has no
 * multi-segment parameter, so the document keeps the plain `{name}` template and says so
 * in the parameter's description, while Hono routes the same operation with the pattern
 * `:name{.+}`.
 */
import type { RouteConfig } from "@hono/zod-openapi";
import type { ApiApp } from "./api-app";

/**
 * Documents `route` as it is written and returns the same route for `app.openapi` with
 * `{name}` matching the rest of the path (hidden, so it is documented once).
 */
export function restOfPath<R extends RouteConfig>(app: ApiApp, route: R, name: string): R {
  const template = `{${name}}`;
  if (!route.path.endsWith(`/${template}`)) {
    throw new Error(`${route.path} does not end with the parameter ${template}`);
  }
  app.openAPIRegistry.registerPath(route);
  return { ...route, path: `${route.path.slice(0, -template.length)}{${name}{.+}}`, hide: true };
}
