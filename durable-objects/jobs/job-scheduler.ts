/**
 * JOB_SCHEDULER: the durable job table (one instance, named "global"). A thin shell over
 * the pure lifecycle in `shared/jobs`: it stores records in SQLite, places queued jobs in
 * batches from its alarm, dispatches them to SITE_EXECUTOR objects, and accepts their
 * reports. Its one alarm is the earliest of: the next placement batch, the next retry,
 * the next attempt deadline; with nothing unfinished it sets no alarm at all.
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
import { executorStub } from "./executor-stub";
import { JobStore } from "./job-store";

/** How long the scheduler waits for more submissions before placing a batch. */
export const PLACEMENT_BATCH_WINDOW_MS = 20;
/** Most jobs placed in one batch. */
export const MAX_PLACEMENT_BATCH = 500;

/** Result of a submission: the job, and whether this call created it. */
export interface SubmitResult {
  job: JobRecord;
  created: boolean;
}

export class JobScheduler extends DurableObject<Env> {
  private readonly store: JobStore;
  /** Seeds placement; advances per batch so batches differ but runs replay. */
  private batchCounter = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new JobStore(ctx.storage.sql);
  }

  /** Queues a job, or returns the existing one with the same idempotency key. */
  async submit(submission: JobSubmission): Promise<SubmitResult> {
    if (submission.idempotencyKey) {
      const existing = this.store.byIdempotencyKey(submission.idempotencyKey);
      if (existing) return { job: existing, created: false };
    }
    const job = createJob(crypto.randomUUID(), submission, Date.now());
    this.store.put(job);
    await this.wakeBy(Date.now() + PLACEMENT_BATCH_WINDOW_MS);
    return { job, created: true };
  }

  async get(id: string): Promise<JobRecord | null> {
    return this.store.get(id);
  }

  async list(state: JobState | undefined, limit: number): Promise<JobRecord[]> {
    return this.store.list(state, limit);
  }

  /** Cancels an unfinished job; null when there is no such job. */
  async cancel(id: string): Promise<{ job: JobRecord; cancelled: boolean } | null> {
    const job = this.store.get(id);
    if (!job) return null;
    const cancelled = cancelJob(job, Date.now());
    if (!cancelled) return { job, cancelled: false };
    this.store.put(cancelled);
    await this.rescheduleAlarm();
    return { job: cancelled, cancelled: true };
  }

  /** An executor's report of one attempt; returns whether it counted. */
  async complete(id: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
    const job = this.store.get(id);
    const next = job && completeAttempt(job, attempt, outcome, Date.now());
    if (!next) return false;
    this.store.put(next);
    await this.rescheduleAlarm();
    return true;
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
    let failure: string | null = null;
    try {
      await executorStub(this.env, site).accept({
        jobId: job.id,
        attempt,
        kind: job.kind,
        input: job.input,
        site,
      });
    } catch (error) {
      failure = `executor at ${site} unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
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
