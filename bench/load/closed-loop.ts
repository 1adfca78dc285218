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
  label: string;
  detail?: string;
}

const ERROR_BODY_CHARS = 300;

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
        res.on("end", () =>
          resolve(ok ? { ok, label: "ok" } : { ok, label: String(status), detail: body }),
        );
        res.on("error", (error) => resolve({ ok: false, label: errorLabel(error) }));
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error("timeout"), { code: "timeout" })),
    );
    req.on("error", (error) => resolve({ ok: false, label: errorLabel(error) }));
    req.end(spec.body);
  });
}

function errorLabel(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.name;
}

/** Runs the closed loop for `durationMs` and returns what it measured. */
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
      if (outcome.ok) {
        latency.record(done - sent);
      } else {
        errors[outcome.label] = (errors[outcome.label] ?? 0) + 1;
        firstError ??= `${outcome.label} ${outcome.detail ?? ""}`.trim();
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
