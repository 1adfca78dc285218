/**
 * The job state machine as pure functions of (record, event, now). The scheduler DO
 * persists what these return; it never edits a record by hand. Invariants:
 * - a terminal job never changes again;
 * - a completion counts only for the attempt that is running (fencing by attempt number),
 *   so a late or duplicated report cannot complete a job twice;
 * - a failed attempt is retried with exponential backoff until `maxAttempts`;
 * - every started attempt is in `attemptLog`, and only while the job runs is the last one open.
 */
import {
  type AttemptEnd,
  type AttemptOutcome,
  JOB_LIMITS,
  type JobAttempt,
  type JobRecord,
  type JobSubmission,
  TERMINAL_STATES,
} from "./job";

/** First retry delay; doubles per attempt up to `MAX_RETRY_DELAY_MS`. */
export const BASE_RETRY_DELAY_MS = 200;
export const MAX_RETRY_DELAY_MS = 30_000;

/** Delay before retrying after `attempt` attempts have failed. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

/** A new queued job. */
export function createJob(id: string, submission: JobSubmission, now: number): JobRecord {
  return {
    id,
    kind: submission.kind,
    input: submission.input,
    origin: submission.origin,
    idempotencyKey: submission.idempotencyKey ?? null,
    state: "queued",
    site: null,
    attempts: 0,
    maxAttempts: submission.maxAttempts ?? JOB_LIMITS.defaultMaxAttempts,
    timeoutMs: submission.timeoutMs ?? JOB_LIMITS.defaultTimeoutMs,
    createdAt: now,
    placedAt: null,
    startedAt: null,
    finishedAt: null,
    notBefore: now,
    deadline: null,
    result: null,
    error: null,
    attemptLog: [],
  };
}

/** True when the job has reached a state it never leaves. */
export function isTerminal(job: JobRecord): boolean {
  return TERMINAL_STATES.has(job.state);
}

/** Records the placement decision; only a queued job can be placed. */
export function placeJob(job: JobRecord, site: string, now: number): JobRecord | null {
  if (job.state !== "queued") return null;
  return { ...job, state: "placed", site, placedAt: now };
}

/** The executor accepted the job: a new attempt starts with its own deadline. */
export function startAttempt(job: JobRecord, now: number): JobRecord | null {
  if (job.state !== "placed") return null;
  const attempt: JobAttempt = {
    attempt: job.attempts + 1,
    site: job.site as string,
    placedAt: job.placedAt ?? now,
    startedAt: now,
    endedAt: null,
    outcome: null,
    error: null,
  };
  return {
    ...job,
    state: "running",
    attempts: attempt.attempt,
    startedAt: now,
    deadline: now + job.timeoutMs,
    attemptLog: [...job.attemptLog, attempt],
  };
}

/** The executor could not be reached: back to the queue after a short delay. */
export function dispatchFailed(job: JobRecord, reason: string, now: number): JobRecord | null {
  if (job.state !== "placed") return null;
  return { ...job, state: "queued", notBefore: now + retryDelayMs(1), error: reason };
}

/**
 * Applies an executor's report for `attempt`; null when it is stale or duplicated. A
 * report may overtake the scheduler's record of the dispatch (the executor can finish
 * before the scheduler writes "running"), so a placed job's next attempt counts too.
 */
export function completeAttempt(
  job: JobRecord,
  attempt: number,
  outcome: AttemptOutcome,
  now: number,
): JobRecord | null {
  if (job.state === "placed" && attempt === job.attempts + 1) {
    const started = startAttempt(job, now);
    return started && completeAttempt(started, attempt, outcome, now);
  }
  if (job.state !== "running" || job.attempts !== attempt) return null;
  if (outcome.ok) {
    return {
      ...job,
      state: "succeeded",
      result: outcome.result,
      error: null,
      finishedAt: now,
      deadline: null,
      attemptLog: closeAttempt(job, "succeeded", null, now),
    };
  }
  return failAttempt(job, outcome.error, now);
}

/** The running attempt passed its deadline: the job fails with the reason. */
export function timeOut(job: JobRecord, now: number): JobRecord | null {
  if (job.state !== "running" || job.deadline === null || now < job.deadline) return null;
  const error = `timed out: attempt ${job.attempts} ran longer than ${job.timeoutMs} ms`;
  return {
    ...job,
    state: "failed",
    error,
    finishedAt: now,
    deadline: null,
    attemptLog: closeAttempt(job, "timed-out", error, now),
  };
}

/** Cancels a job that has not finished; null when it already has. */
export function cancelJob(job: JobRecord, now: number): JobRecord | null {
  if (isTerminal(job)) return null;
  return {
    ...job,
    state: "cancelled",
    finishedAt: now,
    deadline: null,
    attemptLog: closeAttempt(job, "cancelled", null, now),
  };
}

/**
 * When the scheduler must next look at this job, or null when never again. A placed job
 * is due at once: if the scheduler restarted between placing and dispatching, it is
 * dispatched again (executors accept a (job, attempt) pair at most once).
 */
export function nextWake(job: JobRecord): number | null {
  if (job.state === "queued") return job.notBefore;
  if (job.state === "placed") return job.placedAt;
  if (job.state === "running") return job.deadline;
  return null;
}

function failAttempt(job: JobRecord, error: string, now: number): JobRecord {
  const attemptLog = closeAttempt(job, "failed", error, now);
  if (job.attempts < job.maxAttempts) {
    return {
      ...job,
      state: "queued",
      error,
      notBefore: now + retryDelayMs(job.attempts),
      deadline: null,
      attemptLog,
    };
  }
  return {
    ...job,
    state: "failed",
    error: `failed after ${job.attempts} attempt(s): ${error}`,
    finishedAt: now,
    deadline: null,
    attemptLog,
  };
}

/** The attempt log with its open attempt (if any) ended at `now`. */
function closeAttempt(
  job: JobRecord,
  outcome: AttemptEnd,
  error: string | null,
  now: number,
): JobAttempt[] {
  return job.attemptLog.map((a) =>
    a.endedAt === null ? { ...a, endedAt: now, outcome, error } : a,
  );
}
