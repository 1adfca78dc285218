/**
 * Security checks on what a production build exposes: with the vars of `wrangler.toml`
 * (EDGEOS_DEV_FAULTS is not "1"), the dev-only fault routes do not exist — 404, not
 * 401/403, and absent from `/openapi.json` and `/docs` — and no answer grants
 * cross-origin access (edgeos has no CORS setting, so CORS is off).
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fetchWorker } from "../env";

const TOKEN = "production-doors-token";
const FAULTS = "/v1/_faults/groups/default";

/** Calls the Worker with `overrides` on top of the bindings of `wrangler.toml`. */
const call = fetchWorker;

const json = { "content-type": "application/json" };

describe("the dev fault routes in a build without EDGEOS_DEV_FAULTS=1", () => {
  it("is the build under test: wrangler.toml leaves the flag off and /healthz says so", async () => {
    expect(env.EDGEOS_DEV_FAULTS).not.toBe("1");
    const health = (await (await SELF.fetch("http://edgeos.test/healthz")).json()) as {
      devFaults: boolean;
    };
    expect(health.devFaults).toBe(false);
  });

  it("answers 404 to every method, with a body or without, open or with the right token", async () => {
    const bodies = [undefined, '{"crash":[1,2,3]}', '{"drop":1}', "{}"];
    for (const overrides of [{}, { EDGEOS_TOKEN: TOKEN }]) {
      const auth: Record<string, string> =
        "EDGEOS_TOKEN" in overrides ? { authorization: `Bearer ${TOKEN}` } : {};
      for (const method of ["POST", "DELETE", "GET", "PUT"]) {
        for (const body of method === "POST" || method === "PUT" ? bodies : [undefined]) {
          const response = await call(overrides, method, FAULTS, { ...auth, ...json }, body);
          expect(response.status, `${method} ${FAULTS} ${body}`).toBe(404);
          expect(response.headers.get("content-type")).toBe("application/problem+json");
          // A 405's Allow header would tell the route apart from one that does not exist.
          expect(response.headers.get("allow")).toBeNull();
          expect(((await response.json()) as { detail: string }).detail).toBe(
            `no route for ${method} ${FAULTS}`,
          );
        }
      }
    }
  });

  it("gives no trailing-slash hint towards them", async () => {
    const response = await call({}, "POST", `${FAULTS}/`, json, "{}");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      `no route for POST ${FAULTS}/`,
    );
  });

  it("answers a caller without a token as it answers any unknown /v1 path", async () => {
    const faults = await call({ EDGEOS_TOKEN: TOKEN }, "POST", FAULTS, json, "{}");
    const unknown = await call({ EDGEOS_TOKEN: TOKEN }, "POST", "/v1/_nothing-here", json, "{}");
    expect(faults.status).toBe(401);
    expect(unknown.status).toBe(401);
    const detail = async (r: Response) => ((await r.json()) as { detail: string }).detail;
    expect(await detail(faults)).toBe(await detail(unknown));
  });

  it("exist only behind the flag: with EDGEOS_DEV_FAULTS=1 the same paths are found", async () => {
    const on = { EDGEOS_DEV_FAULTS: "1" };
    expect((await call(on, "POST", FAULTS, json, '{"bogus":1}')).status).toBe(400);
    const get = await call(on, "GET", FAULTS);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("DELETE, POST");
  });

  it("refuses a ring node's simulated failure (mode=fail) with a 404", async () => {
    const response = await call({}, "DELETE", "/v1/rings/no-ring/nodes/n1?mode=fail");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { field: string }).field).toBe("query.mode");
  });

  it("are absent from /openapi.json and from /docs", async () => {
    const document = (await (await call({}, "GET", "/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
    expect(Object.keys(document.paths).filter((path) => path.includes("_faults"))).toEqual([]);
    expect(JSON.stringify(document)).not.toContain("_faults");
    const page = await (await call({}, "GET", "/docs")).text();
    expect(page).toContain("/v1/groups");
    expect(page).not.toContain("_faults");
  });
});

describe("CORS is off", () => {
  const ORIGIN = "https://evil.example";
  const paths: [string, string, string?][] = [
    ["GET", "/"],
    ["GET", "/healthz"],
    ["GET", "/openapi.json"],
    ["GET", "/docs"],
    ["GET", "/v1/groups"],
    ["GET", "/v1/no-such-route"],
    ["PUT", "/v1/groups/default/kv/k", '{"value":'],
  ];

  /** The `access-control-*` headers of an answer. */
  function corsHeaders(response: Response): string[] {
    const names: string[] = [];
    response.headers.forEach((_, name) => {
      if (name.startsWith("access-control-")) names.push(name);
    });
    return names;
  }

  it("sends no Access-Control-* header on any answer to a cross-origin request", async () => {
    for (const overrides of [{}, { EDGEOS_TOKEN: TOKEN }]) {
      for (const authorization of ["", `Bearer ${TOKEN}`, "Bearer wrong"]) {
        for (const [method, path, body] of paths) {
          const headers: Record<string, string> = { origin: ORIGIN, ...json };
          if (authorization) headers.authorization = authorization;
          const response = await call(overrides, method, path, headers, body);
          expect(corsHeaders(response), `${method} ${path}`).toEqual([]);
        }
      }
    }
  });

  it("does not grant an OPTIONS preflight from another origin", async () => {
    for (const overrides of [{}, { EDGEOS_TOKEN: TOKEN }]) {
      for (const [method, path] of paths) {
        const response = await call(overrides, "OPTIONS", path, {
          origin: ORIGIN,
          "access-control-request-method": method === "GET" ? "DELETE" : method,
          "access-control-request-headers": "authorization, content-type",
        });
        // A browser grants a preflight only on a 2xx with a matching Allow-Origin.
        expect(corsHeaders(response), `OPTIONS ${path}`).toEqual([]);
        expect(response.ok, `OPTIONS ${path}: ${response.status}`).toBe(false);
      }
    }
  });
});
