/** Jobs counted by their state. */
import type { JobSummary } from "./api-types";

/** Jobs counted by state, in the order given, states with none included. */
export function jobsByState(jobs: JobSummary[], states: readonly string[]): [string, number][] {
  return states.map((state) => [state, jobs.filter((job) => job.state === state).length]);
}
