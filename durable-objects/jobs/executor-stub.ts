/**
 * How anything reaches the job objects: the one scheduler, and the executor of a site —
 * one SITE_EXECUTOR object per colo, named "site:" + IATA and created with the location
 * hint that serves that colo. Stubs are typed by the contract, not by the DO classes.
 */
import { coloByIata } from "../../shared/sched/catalog";
import type { ExecutorRpc, SchedulerRpc } from "./job-contract";

/** The executor stub for the colo `iata`. */
export function executorStub(env: Env, iata: string): ExecutorRpc {
  const hint = coloByIata(iata)?.hint;
  return env.SITE_EXECUTOR.getByName(`site:${iata}`, hint ? { locationHint: hint } : undefined);
}

/**
 * The one scheduler: the gateway submits to it and every executor reports to it. The stub
 * is retyped, not checked, because workers-types' stub mapping recurses without end on the
 * recursive `JsonValue` of job records; `JobScheduler implements SchedulerRpc` is what
 * keeps the two in step.
 */
export function schedulerStub(env: Env): SchedulerRpc {
  return env.JOB_SCHEDULER.getByName("global") as unknown as SchedulerRpc;
}
