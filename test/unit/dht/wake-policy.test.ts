import { describe, expect, it } from "vitest";
import { ACTIVE_MS, WakePolicy } from "../../../shared/dht/wake-policy";

describe("a ring node's wake policy", () => {
  it("keeps no alarm while idle, whatever the core wishes", () => {
    const policy = new WakePolicy();
    expect(policy.stepped(false, 1000, 0)).toBeNull();
    expect(policy.schedule(5, 10)).toBeNull();
    expect(policy.alarmSet).toBe(false);
  });

  it("follows the core's wish for ACTIVE_MS after a routing change, then deletes the alarm", () => {
    const policy = new WakePolicy();
    expect(policy.stepped(true, 1000, 0)).toEqual({ kind: "set", at: 1000 });
    expect(policy.alarmSet).toBe(true);
    policy.fired();
    expect(policy.alarmSet).toBe(false);
    expect(policy.stepped(false, 2000, 1000)).toEqual({ kind: "set", at: 2000 });
    policy.fired();
    expect(policy.stepped(false, ACTIVE_MS + 1000, ACTIVE_MS)).toBeNull();
    expect(policy.alarmSet).toBe(false);
  });

  it("sets a wish in the past one tick ahead, keeps an earlier alarm, and moves to an earlier one", () => {
    const policy = new WakePolicy();
    policy.touch(0);
    expect(policy.schedule(0, 100)).toEqual({ kind: "set", at: 101 });
    expect(policy.schedule(500, 100)).toBeNull();
    expect(policy.schedule(101, 100)).toBeNull();
    policy.fired();
    expect(policy.schedule(900, 200)).toEqual({ kind: "set", at: 900 });
    expect(policy.schedule(300, 200)).toEqual({ kind: "set", at: 300 });
  });

  it("deletes a set alarm when the core wants no tick, and on clear", () => {
    const policy = new WakePolicy();
    policy.touch(0);
    expect(policy.schedule(100, 0)).toEqual({ kind: "set", at: 100 });
    expect(policy.schedule(undefined, 10)).toEqual({ kind: "delete" });
    expect(policy.schedule(100, 20)).toEqual({ kind: "set", at: 100 });
    expect(policy.clear()).toEqual({ kind: "delete" });
    expect(policy.alarmSet).toBe(false);
    expect(policy.schedule(200, 30)).toBeNull();
  });

  it("counts an alarm found set after a restart as active", () => {
    const restarted = new WakePolicy();
    restarted.restore(1500, 1000);
    expect(restarted.alarmSet).toBe(true);
    expect(restarted.schedule(1200, 1000)).toEqual({ kind: "set", at: 1200 });
    const idle = new WakePolicy();
    idle.restore(null, 1000);
    expect(idle.schedule(1200, 1000)).toBeNull();
  });
});
