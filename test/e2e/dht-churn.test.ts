import { describe, expect, it } from "vitest";
import { api, pool } from "./dht-http";

const RING = "churn32";
const KEYS = 5000;
const CONCURRENCY = 16;

interface RingStatus {
  hosts: { id: string; state: string }[];
  nodes: { id: string; keys: number }[];
}

async function status(): Promise<RingStatus> {
  const answer = await api("GET", `/v1/rings/${RING}`);
  expect(answer.status).toBe(200);
  return answer.body as unknown as RingStatus;
}

describe("a 32-node Chord ring under churn, through wrangler dev", () => {
  it("keeps every one of 5,000 keys with its last value while 8 nodes fail and 8 join", async () => {
    const started = Date.now();
    const created = await api("POST", "/v1/rings", {
      name: RING,
      overlay: "chord",
      nodes: 32,
      replication: 3,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const keys = Array.from({ length: KEYS }, (_, i) => `churn-key-${i}`);
    const last = new Map<string, string>();
    const write = async (key: string, round: number) => {
      const value = `${key}@${round}`;
      const answer = await api("PUT", `/v1/rings/${RING}/keys/${encodeURIComponent(key)}`, {
        value,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      last.set(key, value);
    };
    await pool(keys, CONCURRENCY, (key) => write(key, 0));
    const victims = (await status()).nodes.map((n) => n.id).slice(0, 8);
    for (let i = 0; i < 8; i++) {
      const failed = await api("DELETE", `/v1/rings/${RING}/nodes/${victims[i]}?mode=fail`);
      expect(failed.status, JSON.stringify(failed.body)).toBe(200);
      const joined = await api("POST", `/v1/rings/${RING}/nodes`);
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      // Rewrite a slice of the keys between membership changes, so "last value" is tested.
      await pool(keys.slice(i * 100, i * 100 + 100), CONCURRENCY, (key) => write(key, i + 1));
    }
    const lost: string[] = [];
    await pool(keys, CONCURRENCY, async (key) => {
      const answer = await api("GET", `/v1/rings/${RING}/keys/${encodeURIComponent(key)}`);
      if (answer.status !== 200 || answer.body.value !== last.get(key)) lost.push(key);
    });
    expect(lost).toEqual([]);
    const final = await status();
    expect(final.nodes).toHaveLength(32);
    expect(final.hosts.filter((h) => h.state === "failed")).toHaveLength(8);
    console.log(`dht churn: ${KEYS} keys, 8 failed + 8 joined, ${(Date.now() - started) / 1000} s`);
  }, 600_000);
});
