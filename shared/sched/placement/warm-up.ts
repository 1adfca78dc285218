/**
 * Placements run once while an isolate starts, so that its first placement request does
 * not pay for compiling the pipeline.
 *
 * In a fresh isolate nothing of the pipeline is compiled: V8 compiles each JavaScript
 * function on its first call, each WebAssembly function on its first call (Liftoff), and
 * optimises the hot ones only after they have run for a while. A first 1,000-job request
 * paid all of that inside its own CPU time: two to three times the time of the same
 * request in a warm isolate (docs/sched/README.md has the measurements). Cloudflare runs
 * a Worker's top-level code when it starts the isolate, under a separate startup limit
 * (1 s, against 10 ms per request on the free plan), so the cost belongs there.
 *
 * The warm-up places two synthetic requests of the size the per-request budget is set for,
 * with capacity binding, one with mixed demands and one with equal demands: together they
 * run every stage of the pipeline, both repairs of the balancer included (see
 * assembly/balance/balance.ts). Its input is fixed, so it cannot fail in production
 * without failing in every test first.
 */
import { place } from "./place";
import type { PlacementJob, PlacementRequest } from "./request";

/** Jobs per warm-up placement: the request size the free plan's 10 ms budget is set for. */
export const WARM_UP_JOBS = 1_000;

/** Sites per warm-up placement. */
const WARM_UP_K = 8;

/** Capacity of each site over its fair share of the demand: tight enough to bind. */
const WARM_UP_SLACK = 1.05;

/** The golden angle in degrees, the longitude step of a Fibonacci lattice. */
const GOLDEN_ANGLE_DEG = 180 * (3 - Math.sqrt(5));

/**
 * `n` jobs spread evenly over the globe (a Fibonacci lattice); demand 1, 2, 3 in turn
 * when `mixed`, else 1.
 */
function latticeJobs(n: number, mixed: boolean): PlacementJob[] {
  const jobs: PlacementJob[] = [];
  for (let i = 0; i < n; i++) {
    const lat = (Math.asin(1 - (2 * i + 1) / n) * 180) / Math.PI;
    const lon = ((i * GOLDEN_ANGLE_DEG) % 360) - 180;
    jobs.push(
      mixed ? { id: `warm-${i}`, lat, lon, demand: 1 + (i % 3) } : { id: `warm-${i}`, lat, lon },
    );
  }
  return jobs;
}

/** A request over `jobs` whose sites can take just `WARM_UP_SLACK` times the demand. */
function bindingRequest(jobs: PlacementJob[]): PlacementRequest {
  const total = jobs.reduce((sum, job) => sum + (job.demand ?? 1), 0);
  return { jobs, k: WARM_UP_K, capacity: Math.ceil((WARM_UP_SLACK * total) / WARM_UP_K) };
}

/** The warm-up's requests: mixed demands, then equal demands, capacity binding in both. */
export function warmUpRequests(): PlacementRequest[] {
  return [
    bindingRequest(latticeJobs(WARM_UP_JOBS, true)),
    bindingRequest(latticeJobs(WARM_UP_JOBS, false)),
  ];
}

/** Runs the warm-up placements; called once while the isolate starts (workers/isolate-warm-up.ts). */
export function warmUpPlacement(): void {
  for (const request of warmUpRequests()) place(request);
}
