/**
 * Runs the fuzzer over some operations of the OpenAPI document and checks every answer:
 * never a 5xx; every error an `application/problem+json` carrying the request id of its
 * `edgeos-request-id` header; a badly percent-encoded path or query a 400; and after every
 * rejected request the watched state (group revision and key count, ring key counts, job
 * count) is what it was before it. A request that succeeds (a well-formed one the fuzzer
 * happened to make) moves the baseline instead.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";
import { GATEWAY } from "../gateway-call";
import { loadSurface, type Operation } from "./operations";
import { badlyEncoded, type FuzzRequest, type KnownNames, requestsFor } from "./requests";

/** Runs per fuzz file in the normal test command (a fast pass; `FUZZ_RUNS` raises it). */
export const FAST_FUZZ_RUNS = 25;

/** Runs per file: `FUZZ_RUNS` from the environment (`npm run fuzz:long`), else the fast pass. */
export function fuzzRuns(): number {
  const configured = Number((env as unknown as { FUZZ_RUNS?: string }).FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : FAST_FUZZ_RUNS;
}

/** A test timeout that fits `fuzzRuns()` runs (SELF.fetch slows as a file's runs go on). */
export function fuzzTimeoutMs(): number {
  return Math.max(60_000, fuzzRuns() * 2_000);
}

/** A seed from `FUZZ_SEED` to replay a failure, else fast-check's own. */
function fuzzSeed(): number | undefined {
  const seed = Number((env as unknown as { FUZZ_SEED?: string }).FUZZ_SEED);
  return Number.isInteger(seed) && (env as unknown as { FUZZ_SEED?: string }).FUZZ_SEED
    ? seed
    : undefined;
}

/** What a fuzz run watches; equal before and after every rejected request. */
export type StateProbe = () => Promise<unknown>;

/** Fuzzes the operations `select` keeps, with `known` names for path parameters. */
export async function fuzzOperations(options: {
  select: (operation: Operation) => boolean;
  known: KnownNames;
  probe: StateProbe;
  runs?: number;
}): Promise<void> {
  const surface = await loadSurface();
  const operations = surface.operations.filter(options.select);
  expect(operations.length).toBeGreaterThan(0);
  let baseline = await options.probe();
  await fc.assert(
    fc.asyncProperty(requestsFor(surface, operations, options.known), async (request) => {
      const status = await sendAndCheck(request);
      const after = await options.probe();
      if (status >= 400) expect(after, describe(request)).toEqual(baseline);
      baseline = after;
    }),
    { numRuns: options.runs ?? fuzzRuns(), seed: fuzzSeed(), endOnFailure: true },
  );
}

/** Sends one request, checks its answer and returns the status. */
export async function sendAndCheck(request: FuzzRequest): Promise<number> {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.append(name, value);
  const response = await SELF.fetch(`${GATEWAY}${request.path}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined && {
      body: request.streamed ? streamOf(request.body) : request.body,
    }),
  });
  const label = `${describe(request)} → ${response.status}`;
  expect(response.status, label).toBeLessThan(500);
  if (badlyEncoded(request.path)) expect(response.status, label).toBe(400);
  if (response.status < 400) {
    await response.body?.cancel();
    return response.status;
  }
  expect(response.headers.get("content-type"), label).toBe("application/problem+json");
  const id = response.headers.get("edgeos-request-id");
  expect(id, label).toMatch(/^[0-9a-f-]{36}$/);
  if (request.method !== "HEAD") {
    const problem = (await response.json()) as { status: number; requestId: string };
    expect(problem.status, label).toBe(response.status);
    expect(problem.requestId, label).toBe(id);
  }
  return response.status;
}

/** `text` as a stream of three chunks, so that it travels chunked. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const third = Math.ceil(bytes.length / 3);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += third) controller.enqueue(bytes.slice(i, i + third));
      controller.close();
    },
  });
}

function describe(request: FuzzRequest): string {
  const body =
    request.body === undefined ? "" : ` body ${JSON.stringify(request.body.slice(0, 200))}`;
  const how = request.streamed ? " (streamed)" : "";
  return `${request.method} ${request.path.slice(0, 300)} ${JSON.stringify(request.headers)}${body}${how}`;
}
