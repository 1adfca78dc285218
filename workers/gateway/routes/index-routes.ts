/**
 * `GET /` and `GET /v1`: a small index pointing a newcomer at the dashboard, the reference
 * page, the OpenAPI document and the health check. JSON by default; HTML (a page of links) when the
 * client prefers `text/html`, as a browser does.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { version } from "../../../package.json";
import type { ApiApp } from "../api-app";

/** Where the index points, in the order it lists them. */
export const INDEX_LINKS = [
  { rel: "dashboard", href: "/ui", title: "Dashboard" },
  { rel: "docs", href: "/docs", title: "API reference" },
  { rel: "openapi", href: "/openapi.json", title: "OpenAPI document" },
  { rel: "health", href: "/healthz", title: "Health of this deployment" },
] as const;

const IndexSchema = z
  .object({
    name: z.literal("edgeos"),
    version: z.string(),
    links: z.array(z.object({ rel: z.string(), href: z.string(), title: z.string() })),
  })
  .openapi("Index", {
    example: { name: "edgeos", version: "0.1.0", links: INDEX_LINKS.map((link) => ({ ...link })) },
  });

const indexRoute = (path: "/" | "/v1") =>
  createRoute({
    method: "get",
    path,
    summary: path === "/" ? "Index: where the docs are" : "Index of the v1 API",
    tags: ["cluster"],
    responses: {
      200: {
        description:
          "Links to /ui, /docs, /openapi.json and /healthz (HTML when Accept prefers it)",
        content: {
          "application/json": { schema: IndexSchema },
          "text/html": { schema: z.string() },
        },
      },
    },
  });

/** Whether `accept` ranks `text/html` above JSON (a browser's navigation does). */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string) => {
    for (const part of accept.split(",")) {
      const [range, ...params] = part.trim().toLowerCase().split(";");
      if (range !== type && range !== `${type.split("/")[0]}/*` && range !== "*/*") continue;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { q: q ? Number(q.slice(2)) : 1, exact: range === type };
    }
    return { q: 0, exact: false };
  };
  const html = quality("text/html");
  const json = quality("application/json");
  return html.q > json.q || (html.q === json.q && html.exact && !json.exact);
}

function indexHtml(): string {
  const items = INDEX_LINKS.map(
    (link) => `<li><a href="${link.href}">${link.href}</a> — ${link.title}</li>`,
  ).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>edgeos</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style></head><body><h1>edgeos <small>${version}</small></h1><p>A distributed operating system for the edge. The HTTP API lives under <code>/v1</code>.</p><ul>${items}</ul></body></html>`;
}

/** Adds `GET /` and `GET /v1`. */
export function registerIndexRoutes(app: ApiApp): void {
  for (const path of ["/", "/v1"] as const) {
    app.openapi(indexRoute(path), (c) => {
      if (prefersHtml(c.req.header("accept"))) return c.html(indexHtml(), 200);
      return c.json(
        { name: "edgeos" as const, version, links: INDEX_LINKS.map((link) => ({ ...link })) },
        200,
      );
    });
  }
}
