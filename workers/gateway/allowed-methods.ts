/**
 * Tells a wrong method (405) apart from an unknown path (404): given the app's registered
 * routes, which methods would have matched this path.
 */

/** A registered route as Hono lists it in `app.routes`. */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** Methods of routes whose pattern matches `path`, sorted; empty when none match. */
export function allowedMethods(routes: readonly RegisteredRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL") continue;
    if (patternToRegExp(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

const patternCache = new Map<string, RegExp>();

/** Converts a Hono path pattern (`/v1/groups/:group/kv/:key{.+}`) to an anchored RegExp. */
function patternToRegExp(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    const source = pattern
      .split("/")
      .map((segment) => {
        const param = /^:[A-Za-z0-9_]+(?:\{(.+)\})?\??$/.exec(segment);
        if (param) return param[1] ? `(?:${param[1]})` : "[^/]+";
        if (segment === "*") return ".*";
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    // Hono routes strictly: `/kv/` is not `/kv`, so no trailing slash is allowed here either.
    compiled = new RegExp(`^${source}$`);
    patternCache.set(pattern, compiled);
  }
  return compiled;
}
