/**
 * Overload, end to end: 256 clients write to one group for 30 s on the lean server. Past
 * its bound (`MAX_WAITING_WRITES`) the leader refuses at once with 429 and Retry-After,
 * which the load generator honours, instead of queueing without limit; afterwards every
 * acknowledged write is there, and no write reported failed is. Unknown outcomes (503 with
 * `outcome: unknown`, timeouts) may have gone either way. The p99 is reported, not asserted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LeanServer, startLeanServer } from "../../bench/kv-vs-etcd/lean-server";
import { runClosedLoop } from "../../bench/load/closed-loop";
import { freePort } from "./wrangler-dev";

const CLIENTS = 256;
const DURATION_MS = 30_000;
const GROUP = "crowd";

let server: LeanServer;
let persist: string;

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), "edgeos-overload-"));
  server = await startLeanServer({
    port: await freePort(),
    persist,
    vars: { EDGEOS_LOG_REQUESTS: "0" },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(persist, { recursive: true, force: true });
});

/** Every key of the group with its value, page by page. */
async function storedValues(): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const query = `prefix=&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(`${server.url}/v1/groups/${GROUP}/kv?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: { key: string; value: string }[];
      more: boolean;
      cursor?: string;
    };
    for (const item of page.items) values.set(item.key, item.value);
    cursor = page.more ? page.cursor : undefined;
  } while (cursor);
  return values;
}

describe("a group under 256 concurrent writers", () => {
  it("stays up, refuses only with 429 or 503, and loses or invents no write", async () => {
    const created = await fetch(`${server.url}/v1/groups`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: GROUP, engine: "raft", replicas: 3 }),
    });
    expect(created.status).toBe(201);
    const acknowledged = new Map<string, string>();
    const failed = new Set<string>();
    const statuses: Record<string, number> = {};
    const result = await runClosedLoop({
      url: server.url,
      concurrency: CLIENTS,
      durationMs: DURATION_MS,
      request: (worker, seq) => ({
        method: "PUT",
        path: `/v1/groups/${GROUP}/kv/w${worker}-${seq}`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value: `v${worker}-${seq}` }),
      }),
      observe: (worker, seq, answer) => {
        const key = `w${worker}-${seq}`;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 200) acknowledged.set(key, `v${worker}-${seq}`);
        else if (answer.status === 429) failed.add(key);
        else if (answer.status === 503 && !answer.body.includes('"outcome":"unknown"')) {
          failed.add(key);
        }
      },
    });
    console.log(
      JSON.stringify({
        test: "overload",
        clients: CLIENTS,
        writesPerSecond: result.opsPerSec,
        latencyMs: result.latencyMs,
        statuses,
      }),
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Only refusals and unknown outcomes, never a 500.
    for (const status of Object.keys(statuses))
      expect(["0", "200", "429", "503"]).toContain(status);
    expect(acknowledged.size).toBeGreaterThan(1_000);
    const stored = await storedValues();
    for (const [key, value] of acknowledged) expect(stored.get(key), key).toBe(value);
    for (const key of failed) expect(stored.has(key), key).toBe(false);
  }, 180_000);
});
