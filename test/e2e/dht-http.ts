/** A small HTTP client for the DHT routes of the e2e run's `wrangler dev`. */
import { inject } from "vitest";

const baseUrl = inject("baseUrl");
const token = inject("token");

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One JSON request to the gateway with the run's bearer token. */
export async function api(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** What `GET /v1/rings/{ring}` answers, as far as the DHT e2e tests read it. */
export interface RingStatus {
  version: number;
  hosts: { id: string; state: string }[];
  nodes: { id: string; keys: number }[];
}

/** A ring's status; the request must succeed. */
export async function ringStatus(ring: string): Promise<RingStatus> {
  const answer = await api("GET", `/v1/rings/${ring}`);
  if (answer.status !== 200) throw new Error(`GET ring ${ring}: ${answer.status}`);
  return answer.body as unknown as RingStatus;
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
