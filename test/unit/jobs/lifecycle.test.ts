import { describe, expect, it } from "vitest";
import type { JobRecord } from "../../../shared/jobs/job";
import {
  cancelJob,
  completeAttempt,
  createJob,
  dispatchFailed,
  nextWake,
  placeJob,
  retryDelayMs,
  startAttempt,
  timeOut,
} from "../../../shared/jobs/lifecycle";

function must(job: JobRecord | null): JobRecord {
  if (!job) throw new Error("transition refused");
  return job;
}

const fresh = () =>
  createJob(
    "j1",
    {
      kind: "sha256",
      input: { text: "x" },
      origin: { lat: 0, lon: 0 },
      maxAttempts: 2,
      timeoutMs: 1000,
    },
    100,
  );

function running(now = 200): JobRecord {
  return must(startAttempt(must(placeJob(fresh(), "FRA", now)), now));
}

describe("job lifecycle", () => {
  it("goes queued → placed → running → succeeded, recording site, attempt and times", () => {
    const job = running(200);
    expect(job).toMatchObject({
      state: "running",
      site: "FRA",
      attempts: 1,
      startedAt: 200,
      deadline: 1200,
    });
    const done = must(completeAttempt(job, 1, { ok: true, result: 42 }, 300));
    expect(done).toMatchObject({ state: "succeeded", result: 42, finishedAt: 300 });
    expect(nextWake(done)).toBeNull();
  });

  it("ignores a completion for another attempt and a second completion", () => {
    const job = running();
    expect(completeAttempt(job, 2, { ok: true, result: 1 }, 300)).toBeNull();
    const done = must(completeAttempt(job, 1, { ok: true, result: 1 }, 300));
    expect(completeAttempt(done, 1, { ok: true, result: 2 }, 301)).toBeNull();
  });

  it("accepts a report that overtakes the record of its dispatch, but only for the next attempt", () => {
    const placed = must(placeJob(fresh(), "FRA", 200));
    expect(completeAttempt(placed, 2, { ok: true, result: 1 }, 210)).toBeNull();
    const done = must(completeAttempt(placed, 1, { ok: true, result: 1 }, 210));
    expect(done).toMatchObject({ state: "succeeded", attempts: 1, startedAt: 210 });
  });

  it("retries a failed attempt after a backoff, then fails for good at maxAttempts", () => {
    const retried = must(completeAttempt(running(200), 1, { ok: false, error: "boom" }, 300));
    expect(retried).toMatchObject({
      state: "queued",
      error: "boom",
      notBefore: 300 + retryDelayMs(1),
    });
    const second = must(startAttempt(must(placeJob(retried, "AMS", 900)), 900));
    expect(second.attempts).toBe(2);
    const failed = must(completeAttempt(second, 2, { ok: false, error: "boom again" }, 950));
    expect(failed.state).toBe("failed");
    expect(failed.error).toContain("after 2 attempt(s): boom again");
  });

  it("logs every attempt with its site and times, closing each as it ends", () => {
    const first = running(200);
    expect(first.attemptLog).toEqual([
      {
        attempt: 1,
        site: "FRA",
        placedAt: 200,
        startedAt: 200,
        endedAt: null,
        outcome: null,
        error: null,
      },
    ]);
    const retried = must(completeAttempt(first, 1, { ok: false, error: "boom" }, 300));
    const second = must(startAttempt(must(placeJob(retried, "AMS", 900)), 950));
    expect(
      second.attemptLog.map((a) => [
        a.site,
        a.placedAt,
        a.startedAt,
        a.endedAt,
        a.outcome,
        a.error,
      ]),
    ).toEqual([
      ["FRA", 200, 200, 300, "failed", "boom"],
      ["AMS", 900, 950, null, null, null],
    ]);
    const done = must(completeAttempt(second, 2, { ok: true, result: 1 }, 990));
    expect(done.attemptLog[1]).toMatchObject({ attempt: 2, endedAt: 990, outcome: "succeeded" });
    expect(must(timeOut(running(200), 1200)).attemptLog[0]).toMatchObject({
      endedAt: 1200,
      outcome: "timed-out",
      error: expect.stringContaining("timed out"),
    });
    expect(must(cancelJob(running(200), 250)).attemptLog[0]).toMatchObject({
      outcome: "cancelled",
    });
    expect(must(cancelJob(fresh(), 250)).attemptLog).toEqual([]);
  });

  it("doubles the retry delay up to a cap", () => {
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(50)).toBe(retryDelayMs(60));
  });

  it("fails a running job at its deadline with the reason, not before", () => {
    const job = running(200);
    expect(timeOut(job, 1199)).toBeNull();
    const late = must(timeOut(job, 1200));
    expect(late.state).toBe("failed");
    expect(late.error).toContain("timed out");
    expect(completeAttempt(late, 1, { ok: true, result: 1 }, 1300)).toBeNull();
  });

  it("cancels unfinished jobs only", () => {
    const cancelled = must(cancelJob(running(), 250));
    expect(cancelled.state).toBe("cancelled");
    expect(cancelJob(cancelled, 260)).toBeNull();
    expect(completeAttempt(cancelled, 1, { ok: true, result: 1 }, 270)).toBeNull();
  });

  it("requeues a job whose executor could not be reached, without counting an attempt", () => {
    const placed = must(placeJob(fresh(), "FRA", 200));
    expect(nextWake(placed)).toBe(200);
    const requeued = must(dispatchFailed(placed, "overloaded", 210));
    expect(requeued).toMatchObject({ state: "queued", attempts: 0, attemptLog: [] });
    expect(nextWake(requeued)).toBeGreaterThan(210);
  });
});
