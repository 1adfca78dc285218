import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { createGateway } from "../../../workers/gateway/app";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  field?: string;
}

async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = (await response.json()) as Problem;
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^\/docs#problem-/);
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(problem.requestId).toBe(response.headers.get("edgeos-request-id"));
  return problem;
}

describe("one error path", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const problem = await expectProblem(
      await SELF.fetch("http://edgeos.test/v1/nothing-here"),
      404,
    );
    expect(problem.type).toBe("/docs#problem-not-found");
  });

  it("answers a wrong method on a known path with a 405 problem and an Allow header", async () => {
    const response = await SELF.fetch("http://edgeos.test/healthz", { method: "DELETE" });
    await expectProblem(response, 405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("hides internals of an unexpected failure behind a 500 problem", async () => {
    const app = createGateway();
    app.get("/v1/explodes", () => {
      throw new Error("database password is hunter2");
    });
    // The gateway logs the unexpected error for the operator: capture that line (so the
    // fake secret is not printed by a passing test) and check it is the one expected.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request("http://edgeos.test/v1/explodes"), env, ctx);
      await waitOnExecutionContext(ctx);
      const problem = await expectProblem(response, 500);
      expect(JSON.stringify(problem)).not.toContain("hunter2");
      expect(JSON.stringify(problem)).not.toContain("at ");
      expect(logged).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(logged.mock.calls[0]?.[0])) as Record<string, string>;
      expect(line).toMatchObject({ msg: "unhandled error", requestId: problem.requestId });
    } finally {
      logged.mockRestore();
    }
  });
});
