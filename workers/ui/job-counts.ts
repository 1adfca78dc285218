/** Jobs counted by their state. */

/** Job states in their lifecycle order, as `GET /v1/jobs?state=` takes them. */
export const JOB_STATES = [
  "queued",
  "placed",
  "running",
  "succeeded",
  "failed",
  "cancelled",
] as const;

/** Jobs counted by state, in the order given, states with none included. */
export function jobsByState(
  jobs: readonly { state: string }[],
  states: readonly string[],
): [string, number][] {
  return states.map((state) => [state, jobs.filter((job) => job.state === state).length]);
}
