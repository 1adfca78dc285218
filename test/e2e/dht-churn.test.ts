import { describe, expect, it } from "vitest";
import { api, pool, ringStatus } from "./dht-http";

const KEYS = 5000;
const NODES = 32;
const CHURN = 8;
const CONCURRENCY = 16;

describe.each([
  "chord",
  "kademlia",
] as const)("a 32-node %s ring under churn, through wrangler dev", (overlay) => {
  it("keeps every one of 5,000 keys with its last value while 8 nodes fail and 8 join", async () => {
    const started = Date.now();
    const ring = `churn32-${overlay}`;
    const created = await api("POST", "/v1/rings", {
      name: ring,
      overlay,
      nodes: NODES,
      replication: 3,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const keys = Array.from({ length: KEYS }, (_, i) => `churn-key-${i}`);
    const last = new Map<string, string>();
    const write = async (key: string, round: number) => {
      const value = `${key}@${round}`;
      const answer = await api("PUT", `/v1/rings/${ring}/keys/${encodeURIComponent(key)}`, {
        value,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      last.set(key, value);
    };
    await pool(keys, CONCURRENCY, (key) => write(key, 0));
    const victims = (await ringStatus(ring)).nodes.map((n) => n.id).slice(0, CHURN);
    for (let i = 0; i < CHURN; i++) {
      const failed = await api("DELETE", `/v1/rings/${ring}/nodes/${victims[i]}?mode=fail`);
      expect(failed.status, JSON.stringify(failed.body)).toBe(200);
      const joined = await api("POST", `/v1/rings/${ring}/nodes`);
      expect(joined.status, JSON.stringify(joined.body)).toBe(201);
      // Rewrite a slice of the keys between membership changes, so "last value" is tested.
      await pool(keys.slice(i * 100, i * 100 + 100), CONCURRENCY, (key) => write(key, i + 1));
    }
    const lost: string[] = [];
    await pool(keys, CONCURRENCY, async (key) => {
      const answer = await api("GET", `/v1/rings/${ring}/keys/${encodeURIComponent(key)}`);
      if (answer.status !== 200 || answer.body.value !== last.get(key)) lost.push(key);
    });
    expect(lost).toEqual([]);
    const final = await ringStatus(ring);
    expect(final.nodes).toHaveLength(NODES);
    expect(final.hosts.filter((h) => h.state === "failed")).toHaveLength(CHURN);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `dht churn (${overlay}): ${KEYS} keys, ${CHURN} failed + ${CHURN} joined, ${seconds} s`,
    );
  }, 600_000);
});
