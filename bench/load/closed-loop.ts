/**
 * A closed-loop HTTP load generator: `concurrency` workers each send a request, wait for
 * the whole response, and send the next, for a fixed duration, over keep-alive
 * connections (one socket per worker at most). Throughput is therefore what the server
 * sustains at that many outstanding requests, and latencies are never inflated by a
 * queue inside the generator.
 */
import { Agent, request as httpRequest } from "node:http";
import { LatencyRecorder, type LatencySummary } from "./latency";

/** One request a worker sends; `path` includes the query. */
export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** Builds the `seq`-th request (0, 1, …) of worker `worker` (0 … concurrency-1). */
export type RequestFactory = (worker: number, seq: number) => LoadRequest;

/** What to run. */
export interface LoadOptions {
  /** Base URL, `http://host:port`. */
  url: string;
  concurrency: number;
  /** Workers send no new request after this long. */
  durationMs: number;
  /** A request not answered within this long counts as a `timeout` error (default 10 s). */
  timeoutMs?: number;
  request: RequestFactory;
  /** Hears how each request ended (a test checks every answer against the server's state). */
  observe?: (worker: number, seq: number, answer: Answer) => void;
}

/** How one request ended: its HTTP status (0: no answer) and, when it failed, its body. */
export interface Answer {
  status: number;
  body: string;
}

/** What a run measured. */
export interface LoadResult {
  concurrency: number;
  /** From the start to the last response. */
  elapsedMs: number;
  /** Requests answered with a 2xx status. */
  ok: number;
  /** `ok` per second of `elapsedMs`. */
  opsPerSec: number;
  /** Latencies of the 2xx answers. */
  latencyMs: LatencySummary;
  /** Failed requests by HTTP status ("404"), `timeout`, or the socket error's code. */
  errors: Record<string, number>;
  /** Status and start of the body of the first failed request, to tell why. */
  firstError?: string;
}

interface Outcome {
  ok: boolean;
  /** The HTTP status, 0 when no answer came. */
  status: number;
  label: string;
  detail?: string;
  /** The server's `Retry-After` on a 429 or 503, in milliseconds. */
  retryAfterMs?: number;
}

/** How much of a failed answer's body is kept (problem documents fit). */
const ERROR_BODY_CHARS = 2000;
/** The longest `Retry-After` a worker honours, so a bad header cannot stall a run. */
const MAX_RETRY_AFTER_MS = 5_000;

function send(agent: Agent, base: URL, spec: LoadRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...spec.headers };
    if (spec.body !== undefined) headers["content-length"] = Buffer.byteLength(spec.body);
    const req = httpRequest(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: spec.path,
        headers,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (!ok && body.length < ERROR_BODY_CHARS) body += chunk;
        });
        const retryAfter = Number(res.headers["retry-after"]);
        const retryAfterMs =
          (status === 429 || status === 503) && retryAfter >= 0
            ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS)
            : undefined;
        res.on("end", () =>
          resolve(
            ok
              ? { ok, status, label: "ok" }
              : {
                  ok,
                  status,
                  label: String(status),
                  detail: body,
                  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
                },
          ),
        );
        res.on("error", (error) => resolve({ ok: false, status: 0, label: errorLabel(error) }));
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error("timeout"), { code: "timeout" })),
    );
    req.on("error", (error) => resolve({ ok: false, status: 0, label: errorLabel(error) }));
    req.end(spec.body);
  });
}

function errorLabel(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.name;
}

/**
 * Runs the closed loop for `durationMs` and returns what it measured. A worker told to
 * come back later (429 or 503 with `Retry-After`) waits that long before its next request.
 */
export async function runClosedLoop(options: LoadOptions): Promise<LoadResult> {
  const { concurrency, durationMs, request } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latency = new LatencyRecorder();
  const errors: Record<string, number> = {};
  let firstError: string | undefined;
  let lastEnd = 0;

  const start = performance.now();
  const deadline = start + durationMs;

  const worker = async (id: number) => {
    for (let seq = 0; performance.now() < deadline; seq++) {
      const sent = performance.now();
      const outcome = await send(agent, base, request(id, seq), timeoutMs);
      const done = performance.now();
      lastEnd = Math.max(lastEnd, done);
      options.observe?.(id, seq, { status: outcome.status, body: outcome.detail ?? "" });
      if (outcome.ok) {
        latency.record(done - sent);
      } else {
        errors[outcome.label] = (errors[outcome.label] ?? 0) + 1;
        firstError ??= `${outcome.label} ${(outcome.detail ?? "").slice(0, 300)}`.trim();
        if (outcome.retryAfterMs !== undefined) {
          // A pause that outlasts the run ends this worker: it may send nothing more.
          if (outcome.retryAfterMs >= deadline - performance.now()) break;
          await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
  } finally {
    agent.destroy();
  }
  const elapsedMs = Math.max(lastEnd, deadline) - start;
  return {
    concurrency,
    elapsedMs: Math.round(elapsedMs),
    ok: latency.count,
    opsPerSec: Math.round((latency.count / elapsedMs) * 1000 * 10) / 10,
    latencyMs: latency.summary(),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
