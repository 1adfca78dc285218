/**
 * The consensus KV under faults, end to end: 5 clients do reads, writes and CAS on 5 keys
 * of a fresh group through real HTTP for 30 s while a nemesis partitions, drops, delays
 * and crashes replicas through the dev fault API, healing between rounds. Every operation
 * is recorded in the simulator's history format and the history must be linearizable.
 * The same run goes against a Raft group and a Multi-Paxos group.
 */
import { describe, expect, inject, it } from "vitest";
import { type HistoryEvent, toJsonLines } from "../../shared/lincheck/history";
import { checkLinearizable } from "../../shared/lincheck/index";

const baseUrl = inject("baseUrl");
const auth = { authorization: `Bearer ${inject("token")}` };
const CLIENTS = 5;
const KEYS = ["k0", "k1", "k2", "k3", "k4"];
const DURATION_MS = 30_000;
const CLIENT_TIMEOUT_MS = 10_000;

type Outcome = { type: "ok" | "fail" | "info"; value?: HistoryEvent["value"] };

async function request(
  group: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}/v1/groups/${group}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
  });
}

/** A failed answer: definitely not applied unless the server says the outcome is unknown. */
async function failure(response: Response): Promise<Outcome> {
  const problem = (await response.json().catch(() => ({}))) as { outcome?: string };
  return {
    type:
      problem.outcome === "unknown" || (response.status >= 500 && response.status !== 503)
        ? "info"
        : "fail",
  };
}

async function read(group: string, key: string): Promise<Outcome> {
  const response = await request(group, "GET", `/kv/${key}`);
  if (response.status === 200)
    return { type: "ok", value: ((await response.json()) as { value: string }).value };
  if (response.status === 404) return { type: "ok", value: null };
  await response.body?.cancel();
  return { type: "fail" };
}

async function write(group: string, key: string, value: string): Promise<Outcome> {
  const response = await request(group, "PUT", `/kv/${key}`, { value });
  if (response.status === 200) {
    await response.body?.cancel();
    return { type: "ok" };
  }
  return failure(response);
}

async function cas(group: string, key: string, expected: string, next: string): Promise<Outcome> {
  const response = await request(group, "POST", "/txn", {
    compare: [{ key, target: "value", op: "=", value: expected }],
    success: [{ put: { key, value: next } }],
  });
  if (response.status === 200)
    return { type: ((await response.json()) as { succeeded: boolean }).succeeded ? "ok" : "fail" };
  return failure(response);
}

async function fault(group: string, body: unknown | null): Promise<void> {
  const response = await fetch(`${baseUrl}/v1/_faults/groups/${group}`, {
    method: body === null ? "DELETE" : "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: body === null ? undefined : JSON.stringify(body),
  }).catch(() => null);
  await response?.body?.cancel();
}

/** Cycles through the faults of the issue, healing between them. */
async function nemesis(group: string, until: number): Promise<string[]> {
  const plans: unknown[] = [
    { partition: [[1], [2, 3]] },
    { crash: [1] },
    { drop: 0.2 },
    { partition: [[1, 2], [3]] },
    { delayMs: [0, 50] },
    { crash: [2], drop: 0.1 },
    { partition: [[3], [1, 2]] },
  ];
  const applied: string[] = [];
  for (let i = 0; Date.now() < until - 3000; i++) {
    const plan = plans[i % plans.length];
    applied.push(JSON.stringify(plan));
    await fault(group, plan);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await fault(group, null);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  await fault(group, null);
  return applied;
}

describe.each(["raft", "paxos"])("the consensus KV under injected faults (%s)", (engine) => {
  const group = `lincheck-${engine}`;
  it("keeps every client history linearizable", async () => {
    const created = await fetch(`${baseUrl}/v1/groups`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      // Frequent snapshots, so that lagging replicas catch up by snapshot under the faults too.
      body: JSON.stringify({ name: group, engine, replicas: 3, snapshotEvery: 200 }),
    });
    expect(created.status).toBe(201);
    const history: HistoryEvent[] = [];
    const started = performance.now();
    const now = () => Math.round((performance.now() - started) * 1000) / 1000;
    const until = Date.now() + DURATION_MS;

    const client = async (process: number) => {
      const lastSeen = new Map<string, string>();
      for (let n = 0; Date.now() < until; n++) {
        const key = KEYS[(process + n) % KEYS.length] as string;
        const choice = n % 3;
        const value = `p${process}-${n}`;
        const expected = lastSeen.get(key) ?? "none";
        const f = choice === 0 ? "read" : choice === 1 ? "write" : "cas";
        const invokeValue: HistoryEvent["value"] =
          f === "read" ? null : f === "write" ? value : [expected, value];
        history.push({ process, type: "invoke", f, key, value: invokeValue, time: now() });
        let outcome: Outcome;
        try {
          outcome =
            f === "read"
              ? await read(group, key)
              : f === "write"
                ? await write(group, key, value)
                : await cas(group, key, expected, value);
        } catch {
          outcome = { type: f === "read" ? "fail" : "info" };
        }
        if (outcome.type === "ok" && f === "read" && typeof outcome.value === "string")
          lastSeen.set(key, outcome.value);
        if (outcome.type === "ok" && f !== "read") lastSeen.set(key, value);
        history.push({
          process,
          type: outcome.type,
          f,
          key,
          value: f === "read" ? (outcome.value ?? null) : invokeValue,
          time: now(),
        });
      }
    };

    const [faults] = await Promise.all([
      nemesis(group, until),
      ...Array.from({ length: CLIENTS }, (_, p) => client(p)),
    ]);
    const completions = history.filter((event) => event.type !== "invoke");
    const count = (type: string) => completions.filter((event) => event.type === type).length;
    const verdict = checkLinearizable(history);
    console.log(
      JSON.stringify({
        test: "consensus-linearizable",
        engine,
        ops: completions.length,
        opsPerSecond: Math.round(completions.length / (DURATION_MS / 1000)),
        ok: count("ok"),
        fail: count("fail"),
        unknown: count("info"),
        faults,
        linearizable: verdict.ok,
      }),
    );
    if (!verdict.ok) console.log(toJsonLines(verdict.counterexample));
    expect(verdict.ok).toBe(true);
    expect(count("ok")).toBeGreaterThan(50);
  }, 90_000);
});
