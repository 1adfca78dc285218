/** Helpers for driving the jobs API through `SELF`. */
import { SELF } from "cloudflare:test";
import type { JobAttempt } from "../../../workers/ui/api-types";
import { type Answer, callGateway } from "../gateway-call";

export interface JobView {
  id: string;
  kind: string;
  state: string;
  site: string | null;
  attempts: number;
  result: unknown;
  error: string | null;
  attemptLog: JobAttempt[];
}

/** POSTs a job and returns the status and body. */
export function submit(body: unknown): Promise<Answer> {
  return callGateway("POST", "/v1/jobs", body);
}

export async function getJob(id: string): Promise<JobView> {
  const response = await SELF.fetch(`http://edgeos.test/v1/jobs/${id}`);
  if (!response.ok) throw new Error(`GET job ${id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as JobView;
}

/** Points on a deterministic curve, rounded so the input stays small. */
export function curvePoints(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [
    Math.round(Math.sin(i) * 1000),
    Math.round(Math.cos(i * 1.7) * 1000),
  ]);
}

/** Polls a job until `done(job)` or the deadline. */
export async function waitForJob(
  id: string,
  done: (job: JobView) => boolean = (job) =>
    ["succeeded", "failed", "cancelled"].includes(job.state),
  timeoutMs = 20_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(id);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.state} (${job.error ?? ""})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** An origin near Frankfurt, so placement is deterministic in region. */
export const FRANKFURT = { lat: 50.1, lon: 8.7 };
