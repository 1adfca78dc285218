import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  createRing,
  eventually,
  failNode,
  getKey,
  putKey,
  type RingView,
  ring,
} from "./ring-api";

const KEYS = Array.from({ length: 60 }, (_, i) => `key-${i}`);

async function writeAll(name: string, suffix = ""): Promise<void> {
  for (const key of KEYS) {
    const answer = await putKey(name, key, `${key}=${suffix}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

async function expectAllReadable(name: string, suffix = "", routing = "onehop"): Promise<void> {
  for (const key of KEYS) {
    const answer = await getKey(name, key, routing);
    expect(answer.status, `${key}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(answer.body.value).toBe(`${key}=${suffix}`);
  }
}

/** True when every live node's successor's predecessor is that node (a closed ring). */
function consistent(view: RingView): boolean {
  const live = new Set(view.nodes.map((n) => n.id));
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  return view.nodes.every((n) => {
    const succ = n.successors[0];
    return succ !== undefined && live.has(succ) && byId.get(succ)?.predecessor === n.id;
  });
}

function totalKeys(view: RingView): number {
  return view.nodes.reduce((sum, n) => sum + n.keys, 0);
}

describe("a Chord ring of Durable Objects", () => {
  it("serves keys with one hop from the owner, and overlay routing finds the same values", async () => {
    await createRing("basic", 8);
    await writeAll("basic", "v1");
    const view = await ring("basic");
    expect(consistent(view)).toBe(true);
    expect(totalKeys(view)).toBe(KEYS.length * 3);
    const onehop = await getKey("basic", "key-7");
    expect(onehop.headers.get("edgeos-hops")).toBe("1");
    expect(onehop.headers.get("edgeos-node")).toMatch(/^n\d+$/);
    await expectAllReadable("basic", "v1", "overlay");
    const overlayHops: number[] = [];
    for (const key of KEYS.slice(0, 20)) {
      overlayHops.push(Number((await getKey("basic", key, "overlay")).headers.get("edgeos-hops")));
    }
    expect(Math.max(...overlayHops)).toBeLessThanOrEqual(4);
    expect(overlayHops.some((h) => h > 0)).toBe(true);
  });

  it("moves keys to a joining node, and keeps every key after a graceful leave", async () => {
    await createRing("churn", 6);
    await writeAll("churn", "a");
    const joined = await call("POST", "/churn/nodes");
    expect(joined.status).toBe(201);
    const newcomer = joined.body.id as string;
    const afterJoin = await ring("churn");
    expect(consistent(afterJoin)).toBe(true);
    const mine = afterJoin.nodes.find((n) => n.id === newcomer);
    expect(mine?.keys).toBeGreaterThan(0);
    await expectAllReadable("churn", "a");
    const left = await call("DELETE", `/churn/nodes/n2?mode=leave`);
    expect(left.status).toBe(200);
    const afterLeave = await ring("churn");
    expect(afterLeave.nodes.map((n) => n.id)).not.toContain("n2");
    expect(consistent(afterLeave)).toBe(true);
    await expectAllReadable("churn", "a");
    await writeAll("churn", "b");
    await expectAllReadable("churn", "b", "overlay");
  });

  it("serves a failed node's keys from its replicas and restores three copies", async () => {
    await createRing("fail", 8);
    await writeAll("fail", "x");
    // Fail the node once the ring is idle: the repair must not depend on maintenance that
    // happens to be running still.
    await eventually(
      () => ring("fail"),
      (v) => v.nodes.every((n) => !n.alarmSet),
      20_000,
    );
    await failNode("fail", "n3");
    // Checked before any read: reads routed through a node next to the failure would wake
    // its maintenance and repair it incidentally.
    const repaired = await eventually(
      () => ring("fail"),
      (v) => consistent(v) && totalKeys(v) >= KEYS.length * 3,
      20_000,
    );
    expect(repaired.nodes).toHaveLength(7);
    await expectAllReadable("fail", "x");
    await expectAllReadable("fail", "x", "overlay");
    // The failed node's address answers "no such node" (the gateway then tries another
    // node) instead of throwing.
    const failed = env.CHORD_NODE.getByName("fail/n3");
    expect(await failed.keyOp({ kind: "get", key: KEYS[0] as string })).toEqual({
      ok: false,
      problem: { kind: "not-found", detail: "no such ring node" },
    });
    await failNode("fail", "n4");
    await failNode("fail", "n5");
    await expectAllReadable("fail", "x");
  });

  it("leaves an idle ring without alarms, and stops them once a join has settled", async () => {
    await createRing("idle", 6);
    await writeAll("idle", "z");
    const idle = await ring("idle");
    expect(idle.nodes.filter((n) => n.alarmSet)).toEqual([]);
    expect((await call("POST", "/idle/nodes")).status).toBe(201);
    const busy = await ring("idle");
    expect(busy.nodes.some((n) => n.alarmSet)).toBe(true);
    const quiet = await eventually(
      () => ring("idle"),
      (v) => v.nodes.every((n) => !n.alarmSet),
      30_000,
    );
    expect(consistent(quiet)).toBe(true);
    await expectAllReadable("idle", "z");
  });
});
