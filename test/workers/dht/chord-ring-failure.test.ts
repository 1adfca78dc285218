import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consistent, expectAllReadable, KEYS, totalKeys, writeAll } from "./chord-checks";
import { createRing, eventually, failNode, ring } from "./ring-api";

describe("a Chord ring of Durable Objects: failure", () => {
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
});
