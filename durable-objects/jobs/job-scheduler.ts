/**
 * JOB_SCHEDULER: the durable job table (one instance, named "global"). A thin shell over
 * the pure lifecycle in `shared/jobs`: it stores records in SQLite, places queued jobs in
 * batches from its alarm, dispatches them to SITE_EXECUTOR objects, and accepts their
 * reports. Its one alarm is the earliest of: the next placement batch, the next retry,
 * the next attempt deadline; with nothing unfinished it sets no alarm at all.
 * Its RPC methods are `SchedulerRpc` (`job-contract.ts`).
 * Order of work: persist, then send; after every await on another object, re-read.
 */
import { DurableObject } from "cloudflare:workers";
import { placeBatch } from "../../shared/jobs/batch-placement";
import type { AttemptOutcome, JobRecord, JobState, JobSubmission } from "../../shared/jobs/job";
import {
  cancelJob,
  completeAttempt,
  createJob,
  dispatchFailed,
  placeJob,
  startAttempt,
  timeOut,
} from "../../shared/jobs/lifecycle";
import { type RpcFailure, type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { executorStub } from "./executor-stub";
import type { Assignment, SchedulerRpc, SubmitResult } from "./job-contract";
import { JobStore } from "./job-store";

/** How long the scheduler waits for more submissions before placing a batch. */
export const PLACEMENT_BATCH_WINDOW_MS = 20;
/** Most jobs placed in one batch. */
export const MAX_PLACEMENT_BATCH = 500;

export class JobScheduler extends DurableObject<Env> implements SchedulerRpc {
  private readonly store: JobStore;
  /** Seeds placement; advances per batch so batches differ but runs replay. */
  private batchCounter = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new JobStore(ctx.storage.sql);
  }

  async submit(submission: JobSubmission): Promise<RpcResult<SubmitResult>> {
    if (submission.idempotencyKey) {
      const existing = this.store.byIdempotencyKey(submission.idempotencyKey);
      if (existing) return rpcOk({ job: existing, created: false });
    }
    const job = createJob(crypto.randomUUID(), submission, Date.now());
    this.store.put(job);
    await this.wakeBy(Date.now() + PLACEMENT_BATCH_WINDOW_MS);
    return rpcOk({ job, created: true });
  }

  async get(id: string): Promise<RpcResult<JobRecord>> {
    const job = this.store.get(id);
    return job ? rpcOk(job) : noSuchJob(id);
  }

  async list(state: JobState | undefined, limit: number): Promise<RpcResult<JobRecord[]>> {
    return rpcOk(this.store.list(state, limit));
  }

  async cancel(id: string): Promise<RpcResult<JobRecord>> {
    const job = this.store.get(id);
    if (!job) return noSuchJob(id);
    const cancelled = cancelJob(job, Date.now());
    if (!cancelled) return rpcFail("conflict", `job ${id} already ${job.state}; nothing to cancel`);
    this.store.put(cancelled);
    await this.rescheduleAlarm();
    return rpcOk(cancelled);
  }

  async complete(
    id: string,
    attempt: number,
    outcome: AttemptOutcome,
  ): Promise<RpcResult<boolean>> {
    const job = this.store.get(id);
    const next = job && completeAttempt(job, attempt, outcome, Date.now());
    if (!next) return rpcOk(false);
    this.store.put(next);
    await this.rescheduleAlarm();
    return rpcOk(true);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const due = this.store.due(now, MAX_PLACEMENT_BATCH);
    for (const job of due) {
      const timedOut = timeOut(job, now);
      if (timedOut) this.store.put(timedOut);
    }
    const queued = due.filter((job) => job.state === "queued");
    const placed = this.place(queued, now);
    const stalePlaced = due.filter((job) => job.state === "placed");
    await Promise.all([...placed, ...stalePlaced].map((job) => this.dispatch(job)));
    await this.rescheduleAlarm();
  }

  /** Chooses sites for a batch and persists the placements before anything is sent. */
  private place(queued: JobRecord[], now: number): JobRecord[] {
    if (queued.length === 0) return [];
    const siteOf = placeBatch(queued, this.batchCounter++);
    const placed: JobRecord[] = [];
    for (const job of queued) {
      const site = siteOf.get(job.id);
      const next = site ? placeJob(job, site, now) : null;
      if (next) {
        this.store.put(next);
        placed.push(next);
      }
    }
    return placed;
  }

  /** Hands a placed job to its site's executor and records the outcome of the handoff. */
  private async dispatch(job: JobRecord): Promise<void> {
    const site = job.site as string;
    const attempt = job.attempts + 1;
    const failure = await handOff(this.env, site, {
      jobId: job.id,
      attempt,
      kind: job.kind,
      input: job.input,
      site,
    });
    const current = this.store.get(job.id);
    if (!current || current.state !== "placed" || current.attempts + 1 !== attempt) return;
    const next = failure
      ? dispatchFailed(current, failure, Date.now())
      : startAttempt(current, Date.now());
    if (next) this.store.put(next);
  }

  /** Makes sure the alarm fires no later than `at`. */
  private async wakeBy(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /** Sets the alarm to the earliest wake of any unfinished job, or clears it. */
  private async rescheduleAlarm(): Promise<void> {
    const wake = this.store.nextWake();
    if (wake === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.max(wake, Date.now()));
  }
}

function noSuchJob(id: string): RpcFailure {
  return rpcFail("not-found", `no job ${id}`);
}

/** Sends an assignment to its site's executor; the reason when the executor did not take it. */
async function handOff(env: Env, site: string, assignment: Assignment): Promise<string | null> {
  try {
    const answer = await executorStub(env, site).accept(assignment);
    return answer.ok ? null : `executor at ${site} refused: ${answer.problem.detail}`;
  } catch (error) {
    return `executor at ${site} unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
}
