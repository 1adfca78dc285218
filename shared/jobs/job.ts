/**
 * A job as the scheduler keeps it: what to run, where it came from, where it runs, and
 * how far it got. Records are plain JSON so they can live in SQLite and cross RPC.
 */

/** A JSON value: what job inputs and results are (they travel through SQLite and RPC). */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Lifecycle: queued → placed(site) → running → succeeded | failed | cancelled. */
export type JobState = "queued" | "placed" | "running" | "succeeded" | "failed" | "cancelled";

/** States a job never leaves. */
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(["succeeded", "failed", "cancelled"]);

/** A point on the globe in degrees. */
export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Limits and defaults of job submissions. */
export const JOB_LIMITS = {
  /** Largest job input, in bytes of its JSON encoding. */
  maxInputBytes: 256 * 1024,
  /** Longest accepted kind name. */
  maxKindLength: 64,
  /** Longest accepted idempotency key. */
  maxIdempotencyKeyLength: 128,
  /** Per-attempt timeout when none is given, and the largest one accepted. */
  defaultTimeoutMs: 30_000,
  maxTimeoutMs: 10 * 60_000,
  minTimeoutMs: 10,
  /** Attempts when none is given, and the most accepted. */
  defaultMaxAttempts: 3,
  maxMaxAttempts: 10,
} as const;

/** How an attempt ended. */
export type AttemptEnd = "succeeded" | "failed" | "timed-out" | "cancelled";

/** One attempt of a job, as the scheduler recorded it. */
export interface JobAttempt {
  /** 1 for the first attempt; matches `JobRecord.attempts` while it runs. */
  attempt: number;
  /** IATA code of the site it ran at. */
  site: string;
  placedAt: number;
  startedAt: number;
  /** When it ended; null while it runs. */
  endedAt: number | null;
  /** How it ended; null while it runs. */
  outcome: AttemptEnd | null;
  /** Why it failed or timed out; null otherwise. */
  error: string | null;
}

/** The durable record of one job. */
export interface JobRecord {
  id: string;
  kind: string;
  input: JsonValue;
  origin: GeoPoint;
  idempotencyKey: string | null;
  state: JobState;
  /** IATA code of the site the current or last attempt was placed at. */
  site: string | null;
  /** Attempts started so far; the current attempt's number while running. */
  attempts: number;
  maxAttempts: number;
  timeoutMs: number;
  createdAt: number;
  placedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** A queued job is not placed before this time (retry backoff). */
  notBefore: number;
  /** While running: when the current attempt times out. */
  deadline: number | null;
  result: JsonValue;
  /** Why the job failed or why the last attempt failed. */
  error: string | null;
  /** Every attempt started, oldest first (so at most `maxAttempts`); only the last may be open. */
  attemptLog: JobAttempt[];
}

/** What a client submits. */
export interface JobSubmission {
  kind: string;
  input: JsonValue;
  origin: GeoPoint;
  idempotencyKey?: string | undefined;
  timeoutMs?: number | undefined;
  maxAttempts?: number | undefined;
}

/** How an attempt ended, as the executor reports it. */
export type AttemptOutcome = { ok: true; result: JsonValue } | { ok: false; error: string };
