import { describe, expect, it } from "vitest";
import { consistent, expectAllReadable, writeAll } from "./chord-checks";
import { call, createRing, ring } from "./ring-api";

describe("a Chord ring of Durable Objects: churn", () => {
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
});
