import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const BASE = "http://edgeos.test";

describe("GET / and GET /v1", () => {
  it("answer a JSON index linking /ui, /docs, /openapi.json and /healthz", async () => {
    for (const path of ["/", "/v1"]) {
      const response = await SELF.fetch(`${BASE}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as { name: string; links: { href: string }[] };
      expect(body.name).toBe("edgeos");
      expect(body.links.map((link) => link.href)).toEqual([
        "/ui",
        "/docs",
        "/openapi.json",
        "/healthz",
      ]);
    }
  });

  it("answer HTML links to a browser, which prefers text/html", async () => {
    const response = await SELF.fetch(`${BASE}/`, {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    for (const href of ["/ui", "/docs", "/openapi.json", "/healthz"])
      expect(html).toContain(`href="${href}"`);
  });
});

describe("a trailing slash", () => {
  it("never answers a 405 whose Allow header lists the method it refused", async () => {
    const cases: [string, string][] = [
      ["GET", "/v1/groups/default/kv/"],
      ["GET", "/v1/groups/default/"],
      ["POST", "/v1/groups/"],
      ["GET", "/v1/jobs/"],
      ["GET", "/v1/rings/default/"],
      ["GET", "/healthz/"],
    ];
    for (const [method, path] of cases) {
      const response = await SELF.fetch(`${BASE}${path}`, { method });
      await response.body?.cancel();
      expect(response.status, `${method} ${path}`).not.toBe(500);
      if (response.status === 405) {
        const allow = (response.headers.get("allow") ?? "").split(/,\s*/);
        expect(allow, `${method} ${path}`).not.toContain(method);
      }
    }
  });

  it("still answers 405 for a method the path really lacks, with an honest Allow", async () => {
    const response = await SELF.fetch(`${BASE}/v1/jobs`, { method: "PATCH" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")?.split(/,\s*/)).not.toContain("PATCH");
  });
});
