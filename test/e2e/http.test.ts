import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const token = inject("token");

describe("wrangler dev over real HTTP", () => {
  it("serves /healthz openly and says a token is required", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("edgeos-request-id")).toBeTruthy();
    const health = (await response.json()) as { auth: string; devFaults: boolean };
    expect(health).toMatchObject({ auth: "token", devFaults: true });
  });

  it("answers /v1 without a token with a 401 problem", async () => {
    const response = await fetch(`${baseUrl}/v1/groups`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("routes an authenticated request and answers an unknown route with a 404 problem", async () => {
    const response = await fetch(`${baseUrl}/v1/unknown`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    const problem = (await response.json()) as { requestId: string };
    expect(problem.requestId).toBe(response.headers.get("edgeos-request-id"));
  });
});
