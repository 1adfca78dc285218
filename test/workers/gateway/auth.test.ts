import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../workers/index";
import { envWith } from "../env";

const TOKEN = "correct horse battery staple";

async function call(path: string, headers: Record<string, string> = {}, token = TOKEN) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`http://edgeos.test${path}`, { headers }) as Request<
      unknown,
      IncomingRequestCfProperties
    >,
    envWith({ EDGEOS_TOKEN: token }),
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("bearer auth when EDGEOS_TOKEN is set", () => {
  it("rejects a /v1 request without a token with a 401 problem and a challenge", async () => {
    const response = await call("/v1/groups");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(((await response.json()) as { detail: string }).detail).toContain("missing");
  });

  it("rejects a wrong token, including one that only differs in length", async () => {
    for (const wrong of ["nope", `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const response = await call("/v1/groups", { authorization: `Bearer ${wrong}` });
      expect(response.status).toBe(401);
    }
  });

  it("lets the right token through to routing", async () => {
    const response = await call("/v1/no-such-route", { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
  });

  it("keeps /, /v1, /healthz, /openapi.json and /docs public and says a token is required", async () => {
    for (const path of ["/", "/v1", "/openapi.json", "/docs"])
      expect((await call(path)).status).toBe(200);
    const health = await call("/healthz");
    expect(health.status).toBe(200);
    expect(((await health.json()) as { auth: string }).auth).toBe("token");
  });

  it("never echoes the token in a problem", async () => {
    const response = await call("/v1/groups", { authorization: "Bearer leaked-guess" });
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("leaked-guess");
  });
});
