import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClosedLoop } from "../../bench/load/closed-loop";
import { LatencyRecorder } from "../../bench/load/latency";
import { freePort } from "./wrangler-dev";

/** What the tiny server saw: answers by path, and how many TCP connections were opened. */
const seen = { byPath: new Map<string, number>(), connections: 0 };
let server: Server;
let url: string;

/**
 * `/wait?ms=N` answers 200 after N ms, `/fail` answers 503 "nope", `/busy` answers 429 with
 * `Retry-After: 1`, `/hang` never answers.
 */
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    seen.byPath.set(path, (seen.byPath.get(path) ?? 0) + 1);
    if (path === "/hang") return;
    if (path === "/fail") {
      res.writeHead(503).end("nope");
      return;
    }
    if (path === "/busy") {
      res.writeHead(429, { "retry-after": "1" }).end("later");
      return;
    }
    const ms = Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 0);
    setTimeout(() => res.writeHead(200).end("ok"), ms);
  });
  server.on("connection", () => {
    seen.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function reset() {
  seen.byPath.clear();
  seen.connections = 0;
}

describe("latency statistics", () => {
  it("summarises unsorted samples", () => {
    const recorder = new LatencyRecorder();
    for (const ms of [9, 1, 5, 3, 7, 2, 8, 4, 6, 10]) recorder.record(ms);
    expect(recorder.summary()).toEqual({ count: 10, mean: 5.5, p50: 5, p90: 9, p99: 10, max: 10 });
  });
});

describe("closed-loop load generator", () => {
  it("keeps one keep-alive socket per worker and counts exactly what the server answered", async () => {
    reset();
    const result = await runClosedLoop({
      url,
      concurrency: 4,
      durationMs: 400,
      request: () => ({ method: "GET", path: "/wait?ms=10" }),
    });
    expect(result.ok).toBe(seen.byPath.get("/wait"));
    expect(result.errors).toEqual({});
    expect(seen.connections).toBe(4);
    // Four workers each waiting ≥ 10 ms per request cannot exceed 400 requests/s.
    expect(result.opsPerSec).toBeLessThanOrEqual(400);
    expect(result.opsPerSec).toBeGreaterThan(50);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(9);
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(result.latencyMs.p99);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(400);
  });

  it("counts failures by status, keeps the first body, and leaves them out of the latencies", async () => {
    reset();
    const result = await runClosedLoop({
      url,
      concurrency: 3,
      durationMs: 300,
      request: (_, seq) => ({ method: "POST", path: seq % 2 ? "/fail" : "/wait?ms=2", body: "x" }),
    });
    expect(result.errors).toEqual({ "503": seen.byPath.get("/fail") });
    expect(result.ok).toBe(seen.byPath.get("/wait"));
    expect(result.latencyMs.count).toBe(result.ok);
    expect(Math.abs(result.ok - (result.errors["503"] ?? 0))).toBeLessThanOrEqual(3);
    expect(result.firstError).toBe("503 nope");
  });

  it("turns an unanswered request into a timeout and a refused connection into its code", async () => {
    const hung = await runClosedLoop({
      url,
      concurrency: 1,
      durationMs: 50,
      timeoutMs: 100,
      request: () => ({ method: "GET", path: "/hang" }),
    });
    expect(hung.ok).toBe(0);
    expect(hung.errors).toEqual({ timeout: 1 });
    const refused = await runClosedLoop({
      url: `http://127.0.0.1:${await freePort()}`,
      concurrency: 2,
      durationMs: 50,
      request: () => ({ method: "GET", path: "/" }),
    });
    expect(refused.ok).toBe(0);
    expect(refused.errors.ECONNREFUSED).toBeGreaterThanOrEqual(2);
    expect(Object.keys(refused.errors)).toEqual(["ECONNREFUSED"]);
  });

  it("waits out a 429's Retry-After before a worker's next request, and reports every answer", async () => {
    reset();
    const answers: number[] = [];
    const busy = await runClosedLoop({
      url,
      concurrency: 1,
      durationMs: 1_500,
      request: () => ({ method: "GET", path: "/busy" }),
      observe: (_worker, _seq, answer) => answers.push(answer.status),
    });
    // Without the pause one worker sends hundreds of requests in 1.5 s; with it, two.
    expect(seen.byPath.get("/busy")).toBe(2);
    expect(busy.errors).toEqual({ "429": 2 });
    expect(answers).toEqual([429, 429]);
  });
});
