/**
 * The scheduler's job table in the DO's SQLite. Each row holds the whole record as JSON
 * plus the columns queries need: state, idempotency key, and `wake` — when the scheduler
 * must next look at the job (null once it is finished).
 */
import type { JobRecord, JobState } from "../../shared/jobs/job";
import { nextWake } from "../../shared/jobs/lifecycle";

/** Reads and writes job records; every write is one statement (atomic). */
export class JobStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS jobs (
      id TEXT PRIMARY KEY,
      idempotency_key TEXT UNIQUE,
      state TEXT NOT NULL,
      wake INTEGER,
      created_at INTEGER NOT NULL,
      record TEXT NOT NULL
    )`);
    sql.exec("CREATE INDEX IF NOT EXISTS jobs_wake ON jobs (wake) WHERE wake IS NOT NULL");
    sql.exec("CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, created_at)");
  }

  /** Inserts or replaces a record. */
  put(job: JobRecord): void {
    this.sql.exec(
      `INSERT INTO jobs (id, idempotency_key, state, wake, created_at, record) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, wake = excluded.wake, record = excluded.record`,
      job.id,
      job.idempotencyKey,
      job.state,
      nextWake(job),
      job.createdAt,
      JSON.stringify(job),
    );
  }

  get(id: string): JobRecord | null {
    return this.one(this.sql.exec("SELECT record FROM jobs WHERE id = ?", id));
  }

  byIdempotencyKey(key: string): JobRecord | null {
    return this.one(this.sql.exec("SELECT record FROM jobs WHERE idempotency_key = ?", key));
  }

  /** Newest first, optionally of one state. */
  list(state: JobState | undefined, limit: number): JobRecord[] {
    const cursor = state
      ? this.sql.exec(
          "SELECT record FROM jobs WHERE state = ? ORDER BY created_at DESC, id LIMIT ?",
          state,
          limit,
        )
      : this.sql.exec("SELECT record FROM jobs ORDER BY created_at DESC, id LIMIT ?", limit);
    return cursor.toArray().map((row) => parseRecord(row.record as string));
  }

  /** Unfinished jobs due at or before `now`, oldest wake first. */
  due(now: number, limit: number): JobRecord[] {
    return this.sql
      .exec(
        "SELECT record FROM jobs WHERE wake IS NOT NULL AND wake <= ? ORDER BY wake LIMIT ?",
        now,
        limit,
      )
      .toArray()
      .map((row) => parseRecord(row.record as string));
  }

  /** The earliest wake time of any unfinished job, or null when there is none. */
  nextWake(): number | null {
    const row = this.sql.exec("SELECT MIN(wake) AS wake FROM jobs WHERE wake IS NOT NULL").one();
    return (row.wake as number | null) ?? null;
  }

  private one(cursor: SqlStorageCursor<Record<string, SqlStorageValue>>): JobRecord | null {
    const rows = cursor.toArray();
    return rows[0] ? parseRecord(rows[0].record as string) : null;
  }
}

/** A stored record; one written before attempts were logged reads with an empty log. */
function parseRecord(text: string): JobRecord {
  const job = JSON.parse(text) as Omit<JobRecord, "attemptLog"> & Partial<JobRecord>;
  return { ...job, attemptLog: job.attemptLog ?? [] };
}
