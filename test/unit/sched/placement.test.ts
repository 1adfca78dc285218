import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { coloByIata, REGION_REPRESENTATIVES } from "../../../shared/sched/catalog";
import { COLOS } from "../../../shared/sched/colos";
import { modelledRttMs } from "../../../shared/sched/geo/latency";
import { PlacementInputError } from "../../../shared/sched/placement/errors";
import { MAX_DEMAND_SIZES, MAX_JOBS, MAX_K } from "../../../shared/sched/placement/limits";
import { place } from "../../../shared/sched/placement/place";
import type { PlacementRequest } from "../../../shared/sched/placement/request";

/** n jobs scattered within ±3° of random colos (their users' cities). */
function worldJobs(
  n: number,
  seed: number,
  demand?: (i: number) => number,
): PlacementRequest["jobs"] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const c = rng.pick(COLOS);
    return {
      id: `job-${i}`,
      lat: Math.max(-90, Math.min(90, c.lat + rng.next() * 6 - 3)),
      lon: ((c.lon + rng.next() * 6 - 3 + 540) % 360) - 180,
      ...(demand ? { demand: demand(i) } : {}),
    };
  });
}

function errorOf(body: unknown): PlacementInputError {
  try {
    place(body);
  } catch (error) {
    if (error instanceof PlacementInputError) return error;
    throw error;
  }
  throw new Error("expected a PlacementInputError");
}

describe("placement pipeline", () => {
  it("chooses k distinct catalog sites and assigns every job to one of them", () => {
    const jobs = worldJobs(600, 1);
    const result = place({ jobs, k: 8, seed: 3 });
    expect(result.sites).toHaveLength(8);
    const codes = result.sites.map((s) => s.iata);
    expect(new Set(codes).size).toBe(8);
    for (const s of result.sites) expect(coloByIata(s.iata)?.hint).toBe(s.hint);
    expect(result.assignment.map((a) => a.id)).toEqual(jobs.map((j) => j.id));
    expect(result.sites.reduce((a, s) => a + s.jobs, 0)).toBe(600);
    expect(result.sites.reduce((a, s) => a + s.load, 0)).toBe(600);
    expect(result.totalDemand).toBe(600);
    expect(result.overflow).toBe(0);
  });

  it("reports each job's modelled latency to its site, their mean and their p95", () => {
    const jobs = worldJobs(300, 2);
    const result = place({ jobs, k: 6 });
    const latencies = result.assignment.map((a, i) => {
      const site = coloByIata(a.site);
      const job = jobs[i];
      if (!site || !job) throw new Error("missing");
      expect(a.latencyMs).toBeCloseTo(modelledRttMs(job.lat, job.lon, site.lat, site.lon), 6);
      return a.latencyMs;
    });
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    expect(result.meanLatencyMs).toBeCloseTo(mean, 6);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(result.p95LatencyMs).toBe(sorted[Math.ceil(0.95 * sorted.length) - 1]);
  });

  it("puts each job on its nearest chosen site when capacity is unlimited", () => {
    const jobs = worldJobs(400, 3);
    const result = place({ jobs, k: 5 });
    result.assignment.forEach((a, i) => {
      const job = jobs[i];
      if (!job) throw new Error("missing job");
      for (const s of result.sites) {
        expect(a.latencyMs).toBeLessThanOrEqual(
          modelledRttMs(job.lat, job.lon, s.lat, s.lon) + 1e-9,
        );
      }
    });
    for (const s of result.sites) expect(s.capacity).toBeNull();
  });

  it("finds one site per demand centre, in the right location-hint area", () => {
    const rng = new Rng(4);
    const centres = [
      [50.1, 8.7],
      [35.7, 139.7],
      [-23.5, -46.6],
    ] as const;
    const jobs = Array.from({ length: 300 }, (_, i) => {
      const [lat, lon] = centres[i % 3] as readonly [number, number];
      return { id: `${i}`, lat: lat + rng.next() - 0.5, lon: lon + rng.next() - 0.5 };
    });
    const result = place({ jobs, k: 3 });
    expect(result.sites.map((s) => s.hint).sort()).toEqual(["apac", "sam", "weur"]);
    expect(result.meanLatencyMs).toBeLessThan(10);
  });

  it("keeps every site within a uniform capacity and moves the excess elsewhere", () => {
    const result = place({ jobs: worldJobs(1000, 5), k: 8, capacity: 130 });
    expect(result.overflow).toBe(0);
    for (const s of result.sites) {
      expect(s.capacity).toBe(130);
      expect(s.load).toBeLessThanOrEqual(130);
    }
    const free = place({ jobs: worldJobs(1000, 5), k: 8 });
    expect(result.meanLatencyMs).toBeGreaterThanOrEqual(free.meanLatencyMs);
  });

  it("honours per-site capacities and weighs jobs by demand", () => {
    const jobs = worldJobs(200, 6, (i) => 1 + (i % 3));
    const result = place({
      jobs,
      k: 3,
      sites: ["FRA", "IAD", "SIN", "SYD"],
      capacity: { FRA: 150, IAD: 150 },
    });
    expect(result.totalDemand).toBe(399);
    for (const s of result.sites) {
      expect(["FRA", "IAD", "SIN", "SYD"]).toContain(s.iata);
      if (s.iata === "FRA" || s.iata === "IAD") expect(s.load).toBeLessThanOrEqual(150);
      else expect(s.capacity).toBeNull();
    }
  });

  it("chooses among the region representatives with sites: regions", () => {
    const result = place({ jobs: worldJobs(300, 7), k: 4, sites: "regions" });
    const representatives = new Set(Object.values(REGION_REPRESENTATIVES));
    for (const s of result.sites) expect(representatives.has(s.iata)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const body = { jobs: worldJobs(500, 8), k: 7, capacity: 80, seed: 11 };
    expect(JSON.stringify(place(body))).toBe(JSON.stringify(place(body)));
  });

  it(`accepts up to ${MAX_DEMAND_SIZES} distinct demand values and places every job`, () => {
    const jobs = worldJobs(3 * MAX_DEMAND_SIZES, 4).map((job, i) => ({
      ...job,
      demand: 1 + (i % MAX_DEMAND_SIZES) / 4,
    }));
    const total = jobs.reduce((sum, job) => sum + job.demand, 0);
    const result = place({ jobs, k: 3, capacity: Math.ceil((1.2 * total) / 3) });
    expect(result.assignment).toHaveLength(jobs.length);
    expect(result.overflow).toBe(0);
  });

  it("rejects bad input with an error that names the field", () => {
    const jobs = worldJobs(5, 9);
    const cases: [unknown, string][] = [
      [null, ""],
      [[], ""],
      [{ k: 2 }, "jobs"],
      [{ jobs: [], k: 1 }, "jobs"],
      [{ jobs: worldJobs(MAX_JOBS + 1, 1), k: 1 }, "jobs"],
      [{ jobs: [jobs[0], 7], k: 1 }, "jobs[1]"],
      [{ jobs: [{ ...jobs[0], id: "" }], k: 1 }, "jobs[0].id"],
      [{ jobs: [jobs[0], { ...jobs[1], id: jobs[0]?.id }], k: 1 }, "jobs[1].id"],
      [{ jobs: [jobs[0], { ...jobs[1], lat: 91 }], k: 1 }, "jobs[1].lat"],
      [{ jobs: [{ ...jobs[0], lon: "east" }], k: 1 }, "jobs[0].lon"],
      [{ jobs: [{ ...jobs[0], demand: 0 }], k: 1 }, "jobs[0].demand"],
      [{ jobs: [{ ...jobs[0], demand: Number.NaN }], k: 1 }, "jobs[0].demand"],
      [{ jobs, k: 0 }, "k"],
      [{ jobs, k: 1.5 }, "k"],
      [{ jobs, k: 6 }, "k"],
      [{ jobs: worldJobs(100, 1), k: MAX_K + 1 }, "k"],
      [{ jobs, k: 2, sites: "mars" }, "sites"],
      [{ jobs, k: 2, sites: ["FRA", "XXX"] }, "sites[1]"],
      [{ jobs, k: 2, sites: ["FRA", "FRA"] }, "sites[1]"],
      [{ jobs, k: 3, sites: ["FRA", "IAD"] }, "k"],
      [{ jobs, k: 2, capacity: -1 }, "capacity"],
      [{ jobs, k: 2, capacity: { ZZZ: 1 } }, "capacity.ZZZ"],
      [{ jobs, k: 2, capacity: { FRA: 0 } }, "capacity.FRA"],
      [{ jobs, k: 2, capacity: 2 }, "capacity"],
      [{ jobs, k: 2, seed: -1 }, "seed"],
      [{ jobs, k: 2, seed: 2 ** 32 }, "seed"],
      [{ jobs, k: 2, capacitiy: 3 }, "capacitiy"],
      [
        {
          jobs: worldJobs(MAX_DEMAND_SIZES + 5, 3).map((job, i) => ({ ...job, demand: 1 + i / 2 })),
          k: 2,
        },
        `jobs[${MAX_DEMAND_SIZES}].demand`,
      ],
    ];
    for (const [body, field] of cases) {
      const error = errorOf(body);
      expect(error.field, JSON.stringify(body)?.slice(0, 80)).toBe(field);
      expect(error.detail.length).toBeGreaterThan(10);
    }
  });
});
