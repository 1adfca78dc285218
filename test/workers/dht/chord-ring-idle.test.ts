import { describe, expect, it } from "vitest";
import { consistent, expectAllReadable, writeAll } from "./chord-checks";
import { call, createRing, eventually, ring } from "./ring-api";

describe("a Chord ring of Durable Objects: quiescence", () => {
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
