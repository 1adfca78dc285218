/**
 * `GET /openapi.json` (generated from the route schemas), `GET /docs`, a reference page
 * rendered on the server from that same document (no CDN; one tiny inline script for the
 * search box), and the index at `GET /` and `GET /v1` that points to both.
 */
import type { ApiApp } from "../api-app";
import { type OpenApiDocument, renderReferencePage } from "../reference-page";
import { registerIndexRoutes } from "./index-routes";

/** The OpenAPI document's fixed header. */
const OPENAPI_INFO = {
  openapi: "3.0.3",
  info: {
    title: "edgeos API",
    version: "v1",
    description:
      "A distributed operating system for the edge. Errors are application/problem+json (RFC 9457).",
  },
};

/** Adds `/`, `/v1`, `/openapi.json` and `/docs` to the app. Register after all other routes. */
export function registerDocsRoutes(app: ApiApp): void {
  registerIndexRoutes(app);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
  });
  const document = () => app.getOpenAPIDocument(OPENAPI_INFO);
  app.get("/openapi.json", (c) => c.json(document()));
  // The generator's document type is wider than the page needs; the shapes agree.
  // The page depends only on the routes, so it is rendered once per isolate.
  let page: string | undefined;
  app.get("/docs", (c) => {
    page ??= renderReferencePage(document() as unknown as OpenApiDocument);
    return c.html(page);
  });
}
