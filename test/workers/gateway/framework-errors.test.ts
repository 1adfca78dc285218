/**
 * Errors Hono itself raises (`HTTPException`) keep their HTTP status as problems. No route
 * of the real app raises one with a status other than 400 today, so these tests mount
 * Hono's own middleware on test routes of a fresh gateway, as the 500 test does.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { bearerAuth } from "hono/bearer-auth";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { validator } from "hono/validator";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../../workers/gateway/app";

const app = createGateway();
app.post("/v1/test/limited", bodyLimit({ maxSize: 16 }), (c) => c.json({ ok: true }));
app.get("/v1/test/guarded", bearerAuth({ token: "secret" }), (c) => c.json({ ok: true }));
app.post(
  "/v1/test/validated",
  validator("json", (value) => value),
  (c) => c.json({ ok: true }),
);
app.get("/v1/test/throttled", () => {
  throw new HTTPException(429, { message: "slow down" });
});
app.get("/v1/test/withheld", () => {
  throw new HTTPException(451, { message: "not here" });
});

async function call(path: string, init?: RequestInit) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`http://edgeos.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.requestId).toBe(response.headers.get("edgeos-request-id"));
  return { status: response.status, headers: response.headers, body };
}

describe("framework errors keep their status", () => {
  it("answers Hono's body limit with 413 payload-too-large", async () => {
    const { status, body } = await call("/v1/test/limited", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "32" },
      body: JSON.stringify({ padding: "x".repeat(20) }),
    });
    expect(status).toBe(413);
    expect(body).toMatchObject({
      type: "/docs#problem-payload-too-large",
      title: "Payload too large",
      status: 413,
      detail: "payload too large",
    });
  });

  it("answers Hono's bearer auth with 401 unauthorized and keeps its WWW-Authenticate", async () => {
    const { status, headers, body } = await call("/v1/test/guarded");
    expect(status).toBe(401);
    expect(body).toMatchObject({ type: "/docs#problem-unauthorized", status: 401 });
    expect(headers.get("www-authenticate")).toBe('Bearer realm=""');
  });

  it.each([
    // A status the catalogue has no kind for: an about:blank problem of that status.
    ["/v1/test/withheld", 451, "about:blank", "Unavailable for legal reasons", "not here"],
    // 429 has one: too-many-requests.
    [
      "/v1/test/throttled",
      429,
      "/docs#problem-too-many-requests",
      "Too many requests",
      "slow down",
    ],
  ])("answers %s with its status %i as the problem %s", async (path, code, type, title, detail) => {
    const { status, body } = await call(path);
    expect(status).toBe(code);
    expect(body).toMatchObject({ type, title, status: code, detail });
  });

  it("still answers Hono's malformed-JSON error as 400 bad-request with its message", async () => {
    const { status, body } = await call("/v1/test/validated", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      type: "/docs#problem-bad-request",
      status: 400,
      detail: "Malformed JSON in request body",
    });
  });
});
