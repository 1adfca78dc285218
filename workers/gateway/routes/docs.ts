/**
 * `GET /openapi.json` (generated from the route schemas) and `GET /docs`, a reference page
 * rendered on the server from that same document — no script, no CDN.
 */
import type { ApiApp } from "../api-app";
import { type OpenApiDocument, renderReferencePage } from "../reference-page";

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

/** Adds `/openapi.json` and `/docs` to the app. Register after all other routes. */
export function registerDocsRoutes(app: ApiApp): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
  });
  const document = () => app.getOpenAPIDocument(OPENAPI_INFO);
  app.get("/openapi.json", (c) => c.json(document()));
  // The generator's document type is wider than the page needs; the shapes agree.
  app.get("/docs", (c) => c.html(renderReferencePage(document() as unknown as OpenApiDocument)));
}
