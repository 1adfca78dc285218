/**
 * What the jobs map draws, from the jobs listed: the executor sites they ran at (with how
 * many of them each took) and the last placement batch — the jobs placed at the latest
 * moment, since the scheduler places a batch at one instant — as lines from each job's
 * origin to its site.
 */
import type { JobSummary } from "./api-types";

/** One site and the listed jobs placed there. */
export interface SiteLoad {
  iata: string;
  jobs: number;
}

/** The last batch placed: when, and each job's origin and site. */
export interface LastPlacement {
  at: string;
  lines: { id: string; origin: { lat: number; lon: number }; site: string }[];
}

/** Sites of `jobs` with their job counts, busiest first (ties by code). */
export function executorSites(jobs: readonly JobSummary[]): SiteLoad[] {
  const counts = new Map<string, number>();
  for (const job of jobs) if (job.site) counts.set(job.site, (counts.get(job.site) ?? 0) + 1);
  return [...counts]
    .map(([iata, n]) => ({ iata, jobs: n }))
    .sort((a, b) => b.jobs - a.jobs || (a.iata < b.iata ? -1 : 1));
}

/** The jobs placed at the latest placement time among `jobs`; null when none was placed. */
export function lastPlacement(jobs: readonly JobSummary[]): LastPlacement | null {
  let at: string | null = null;
  for (const job of jobs) {
    if (job.placedAt && job.site && (at === null || Date.parse(job.placedAt) > Date.parse(at))) {
      at = job.placedAt;
    }
  }
  if (at === null) return null;
  const latest = Date.parse(at);
  const lines = jobs.flatMap((job) =>
    job.placedAt && job.site && Date.parse(job.placedAt) === latest
      ? [{ id: job.id, origin: job.origin, site: job.site }]
      : [],
  );
  return { at, lines };
}
