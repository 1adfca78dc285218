/**
 * Places a batch of queued jobs with the scheduler's placement pipeline
 * (`shared/sched/placement`): k-means over their origins chooses the sites, the balancer
 * assigns each job within per-site capacity. Deterministic for a seed.
 */
import { place } from "../sched/placement/place";
import type { JobRecord } from "./job";

/** Most sites one batch spreads over. */
export const MAX_SITES_PER_BATCH = 8;
/** A batch opens one site per this many jobs (up to the maximum). */
export const JOBS_PER_SITE = 25;
/** Each site may take this much more than an even share of the batch. */
export const SITE_CAPACITY_SLACK = 1.25;

/** Places `jobs` (at least one) on colos; returns the site (IATA) of each job id. */
export function placeBatch(jobs: readonly JobRecord[], seed: number): Map<string, string> {
  const k = Math.min(MAX_SITES_PER_BATCH, Math.ceil(jobs.length / JOBS_PER_SITE), jobs.length);
  const result = place({
    jobs: jobs.map((job) => ({ id: job.id, lat: job.origin.lat, lon: job.origin.lon })),
    k,
    capacity: Math.ceil((jobs.length / k) * SITE_CAPACITY_SLACK),
    seed: seed >>> 0,
  });
  return new Map(result.assignment.map((entry) => [entry.id, entry.site]));
}
