import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("reports version, uptime, parts, auth mode and a request id header", async () => {
    const response = await SELF.fetch("http://edgeos.test/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("edgeos-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", version: "0.1.0", auth: "open", devFaults: false });
    expect(body.uptimeMs).toBeGreaterThanOrEqual(0);
    expect((body.parts as Record<string, boolean>).gateway).toBe(true);
  });

  it("gives each request its own id", async () => {
    const [a, b] = await Promise.all([
      SELF.fetch("http://edgeos.test/healthz"),
      SELF.fetch("http://edgeos.test/healthz"),
    ]);
    expect(a.headers.get("edgeos-request-id")).not.toBe(b.headers.get("edgeos-request-id"));
  });
});

describe("API description", () => {
  it("serves an OpenAPI document generated from the route schemas", async () => {
    const response = await SELF.fetch("http://edgeos.test/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.paths["/healthz"]?.get).toBeDefined();
    expect(document.components.schemas.Health).toBeDefined();
    // A route that validates with its own parser still documents its body.
    expect(JSON.stringify(document.paths["/v1/placement"]?.post)).toContain(
      "#/components/schemas/PlacementRequest",
    );
    expect(document.components.schemas.PlacementRequest).toBeDefined();
  });

  it("renders /docs as HTML with every operation and every problem type anchored", async () => {
    const response = await SELF.fetch("http://edgeos.test/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain('id="get-/healthz"');
    for (const kind of ["not-found", "method-not-allowed", "validation-failed", "unauthorized"]) {
      expect(html).toContain(`id="problem-${kind}"`);
    }
  });
});
