import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { callGateway } from "../gateway-call";

function placeJobs(body: unknown) {
  return callGateway("POST", "/v1/placement", body);
}

/** Jobs around three cities: Frankfurt, Singapore and São Paulo. */
function clusteredJobs(n: number) {
  const rng = new Rng(11);
  const cities = [
    [50.1, 8.7],
    [1.35, 103.8],
    [-23.5, -46.6],
  ];
  return Array.from({ length: n }, (_, i) => {
    const [lat, lon] = cities[i % 3] as [number, number];
    return { id: `j${i}`, lat: lat + rng.next() - 0.5, lon: lon + rng.next() - 0.5 };
  });
}

describe("POST /v1/placement", () => {
  it("places 1,000 jobs on k sites near their users and reports latency, load and cpuMs", async () => {
    const { status, body } = await placeJobs({ jobs: clusteredJobs(1000), k: 3, capacity: 400 });
    expect(status).toBe(200);
    const sites = body.sites as { iata: string; hint: string; load: number; capacity: number }[];
    expect(sites.map((site) => site.hint).sort()).toEqual(["apac", "sam", "weur"]);
    for (const site of sites) expect(site.load).toBeLessThanOrEqual(site.capacity);
    expect((body.assignment as unknown[]).length).toBe(1000);
    expect(body.meanLatencyMs).toBeLessThan(30);
    expect(body.p95LatencyMs as number).toBeGreaterThanOrEqual(body.meanLatencyMs as number);
    expect(body.cpuMs).toBeGreaterThan(0);
  });

  it("answers bad requests with a problem naming the field", async () => {
    const jobs = clusteredJobs(10);
    const cases: [unknown, string][] = [
      [{ jobs, k: 0 }, "body.k"],
      [{ jobs: [], k: 1 }, "body.jobs"],
      [{ jobs: [{ id: "a", lat: 100, lon: 0 }], k: 1 }, "body.jobs.0.lat"],
      [{ jobs, k: 2, sites: ["FRA", "ZZZ"] }, "body.sites.1"],
      [{ jobs, k: 11 }, "body.k"],
      [{ jobs, k: 2, seeds: 1 }, "body.seeds"],
      [{ jobs: [{ id: "a", lat: 0, lon: "east" }], k: 1 }, "body.jobs.0.lon"],
    ];
    for (const [request, field] of cases) {
      const { status, body } = await placeJobs(request);
      expect(status, JSON.stringify(request).slice(0, 80)).toBe(400);
      expect(body.field, JSON.stringify(request).slice(0, 80)).toBe(field);
    }
  });
});
