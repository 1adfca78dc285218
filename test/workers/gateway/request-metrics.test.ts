import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { METRICS_OBJECT } from "../../../durable-objects/metrics/cluster-metrics";
import type { WindowSummary } from "../../../shared/metrics/request-window";
import { INTERNAL_READ_HEADER } from "../../../workers/gateway/request-metrics";
import { abortObject } from "../abort-object";
import { callGateway, GATEWAY } from "../gateway-call";

const requestsOf = (m: WindowSummary, family: string) =>
  m.families.find((f) => f.family === family)?.requests ?? 0;

describe("request metrics", () => {
  it("counts requests by family, keeps them when the metrics object restarts, and skips internal reads", async () => {
    const before = (await callGateway<WindowSummary>("GET", "/v1/metrics")).body;
    for (let i = 0; i < 5; i++) await callGateway("GET", "/v1/jobs");
    await SELF.fetch(`${GATEWAY}/v1/jobs`, { headers: { [INTERNAL_READ_HEADER]: "1" } });
    const after = await callGateway<WindowSummary>("GET", "/v1/metrics");
    expect(after.status).toBe(200);
    expect(requestsOf(after.body, "jobs") - requestsOf(before, "jobs")).toBe(5);
    expect(after.body.families.find((f) => f.family === "jobs")?.p99Ms).toBeGreaterThan(0);

    await abortObject(env.CLUSTER_METRICS.getByName(METRICS_OBJECT), "metrics restart");
    const reloaded = (await callGateway<WindowSummary>("GET", "/v1/metrics")).body;
    expect(requestsOf(reloaded, "jobs")).toBe(requestsOf(after.body, "jobs"));
  });

  it("counts a 4xx as a request, not as an error or a problem", async () => {
    const before = (await callGateway<WindowSummary>("GET", "/v1/metrics")).body;
    const refused = await callGateway("GET", "/v1/jobs/not-a-job-id");
    expect(refused.status).toBe(400);
    const m = (await callGateway<WindowSummary>("GET", "/v1/metrics")).body;
    const jobs = (w: WindowSummary) => w.families.find((f) => f.family === "jobs");
    expect((jobs(m)?.requests ?? 0) - (jobs(before)?.requests ?? 0)).toBe(1);
    expect(jobs(m)?.errors ?? 0).toBe(jobs(before)?.errors ?? 0);
    const id = refused.headers.get("edgeos-request-id");
    expect(m.problems.some((p) => p.requestId === id)).toBe(false);
  });
});
