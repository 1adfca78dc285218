/**
 * The last minutes of requests: per minute and route family, how many were served, how
 * many failed with a 5xx, and their latencies as a histogram; and the latest problems
 * (5xx answers, `outcome: unknown` among them). One shape serves both ends: each isolate
 * buffers its requests in a window and ships it as a batch, and the metrics object merges
 * the batches into its own window, which the dashboard reads. Bounded by
 * {@link WINDOW_MINUTES} × the fixed families × the histogram's buckets, plus
 * {@link MAX_PROBLEMS}.
 */
import { addDuration, type Histogram, mergeHistogram, quantile } from "./latency-histogram";
import { ROUTE_FAMILIES, type RouteFamily } from "./route-family";

/** Minutes a window keeps: latencies and counts are of the last this many minutes. */
export const WINDOW_MINUTES = 5;

/** Most problems kept, newest first. */
export const MAX_PROBLEMS = 20;

const MINUTE_MS = 60_000;

/** One failed request, as the dashboard lists it. No query, header or body is kept. */
export interface Problem {
  /** Milliseconds since the epoch. */
  at: number;
  method: string;
  path: string;
  status: number;
  requestId: string;
  /** Present when a write's outcome is unknown (503 `outcome: unknown`). */
  outcome?: "unknown";
}

/** One family's counts in one minute. */
export interface FamilyMinute {
  requests: number;
  errors: number;
  latency: Histogram;
}

/** A window as shipped between isolate and metrics object: plain JSON. */
export interface WindowBatch {
  /** Per minute (`floor(ms / 60 s)`), per family. */
  minutes: Record<number, Partial<Record<RouteFamily, FamilyMinute>>>;
  problems: Problem[];
}

/** A family's numbers over the whole window. */
export interface FamilySummary {
  family: RouteFamily;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** What the dashboard shows. */
export interface WindowSummary {
  windowMinutes: number;
  families: FamilySummary[];
  problems: Problem[];
}

const FAMILIES = new Set<string>(ROUTE_FAMILIES);

/** A window of request counts, latencies and problems; see the module's note. */
export class RequestWindow {
  private minutes = new Map<number, Map<RouteFamily, FamilyMinute>>();
  private problems: Problem[] = [];

  /** Whether nothing has been recorded since the window was made or drained. */
  get empty(): boolean {
    return this.minutes.size === 0 && this.problems.length === 0;
  }

  /** Counts one request of `family` that took `durationMs` and answered `status` at `atMs`. */
  record(family: RouteFamily, status: number, durationMs: number, atMs: number): void {
    const counts = this.familyMinute(Math.floor(atMs / MINUTE_MS), family);
    counts.requests++;
    if (status >= 500) counts.errors++;
    addDuration(counts.latency, durationMs);
    this.prune(atMs);
  }

  /** Keeps `problem` among the latest {@link MAX_PROBLEMS}. */
  recordProblem(problem: Problem): void {
    this.problems = [problem, ...this.problems].sort((a, b) => b.at - a.at).slice(0, MAX_PROBLEMS);
  }

  /** Adds a batch's counts and problems; unknown families and malformed counts are skipped. */
  merge(batch: WindowBatch, nowMs: number): void {
    for (const [minuteKey, families] of Object.entries(batch.minutes)) {
      const minute = Number(minuteKey);
      if (!Number.isInteger(minute)) continue;
      for (const [family, counts] of Object.entries(families ?? {})) {
        if (!FAMILIES.has(family) || !counts) continue;
        const into = this.familyMinute(minute, family as RouteFamily);
        into.requests += wholeCount(counts.requests);
        into.errors += wholeCount(counts.errors);
        mergeHistogram(into.latency, counts.latency ?? {});
      }
    }
    for (const problem of batch.problems) this.recordProblem(problem);
    this.prune(nowMs);
  }

  /** The window as a batch, leaving it empty. */
  drain(): WindowBatch {
    const batch = this.toBatch();
    this.minutes.clear();
    this.problems = [];
    return batch;
  }

  /** The window as a batch (its persisted form too). */
  toBatch(): WindowBatch {
    const minutes: WindowBatch["minutes"] = {};
    for (const [minute, families] of this.minutes) minutes[minute] = Object.fromEntries(families);
    return { minutes, problems: [...this.problems] };
  }

  /** Every family with requests in the last {@link WINDOW_MINUTES}, busiest first, and the problems. */
  summary(nowMs: number): WindowSummary {
    this.prune(nowMs);
    const totals = new Map<RouteFamily, FamilyMinute>();
    for (const families of this.minutes.values()) {
      for (const [family, counts] of families) {
        const total = totals.get(family) ?? { requests: 0, errors: 0, latency: {} };
        total.requests += counts.requests;
        total.errors += counts.errors;
        mergeHistogram(total.latency, counts.latency);
        totals.set(family, total);
      }
    }
    const families = [...totals]
      .map(([family, t]) => ({
        family,
        requests: t.requests,
        errors: t.errors,
        p50Ms: quantile(t.latency, 0.5),
        p99Ms: quantile(t.latency, 0.99),
      }))
      .sort((a, b) => b.requests - a.requests || a.family.localeCompare(b.family));
    const now = Math.floor(nowMs / MINUTE_MS);
    return {
      windowMinutes: WINDOW_MINUTES,
      families,
      problems: this.problems.filter((p) => Math.floor(p.at / MINUTE_MS) > now - WINDOW_MINUTES),
    };
  }

  private familyMinute(minute: number, family: RouteFamily): FamilyMinute {
    let families = this.minutes.get(minute);
    if (!families) {
      families = new Map();
      this.minutes.set(minute, families);
    }
    let counts = families.get(family);
    if (!counts) {
      counts = { requests: 0, errors: 0, latency: {} };
      families.set(family, counts);
    }
    return counts;
  }

  /** Drops the minutes that have left the window (and any stamped far in the future). */
  private prune(nowMs: number): void {
    const now = Math.floor(nowMs / MINUTE_MS);
    for (const minute of this.minutes.keys()) {
      if (minute <= now - WINDOW_MINUTES || minute > now + 1) this.minutes.delete(minute);
    }
  }
}

function wholeCount(n: unknown): number {
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 0;
}
