/**
 * How anything reaches the executor of a site: one SITE_EXECUTOR object per colo, named
 * "site:" + IATA and created with the location hint that serves that colo.
 */
import { coloByIata } from "../../shared/sched/catalog";
import type { JobScheduler } from "./job-scheduler";
import type { SiteExecutor } from "./site-executor";

/**
 * The scheduler's RPC surface. Stubs expose exactly these methods; the type is spelled
 * out because the generic stub mapping of workers-types recurses without end on the
 * recursive JSON type of job inputs and results.
 */
export type SchedulerClient = Pick<JobScheduler, "submit" | "get" | "list" | "cancel" | "complete">;

/** The executor stub for the colo `iata`. */
export function executorStub(env: Env, iata: string): DurableObjectStub<SiteExecutor> {
  const hint = coloByIata(iata)?.hint;
  return env.SITE_EXECUTOR.getByName(`site:${iata}`, hint ? { locationHint: hint } : undefined);
}

/** The one scheduler: the gateway submits to it and every executor reports to it. */
export function schedulerStub(env: Env): SchedulerClient {
  return env.JOB_SCHEDULER.getByName("global") as unknown as SchedulerClient;
}
