import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/rng";
import { EventQueue } from "../../../shared/sim/event-queue";
import { SimNetwork } from "../../../shared/sim/network";

function net(latency: readonly [number, number] = [1, 1]) {
  const queue = new EventQueue();
  const got: string[] = [];
  const network = new SimNetwork<string>(queue, new Rng(1), latency, (to, m) =>
    got.push(`${to}:${m}`),
  );
  return { queue, network, got };
}

describe("event queue", () => {
  it("runs events in time order, ties in scheduling order, and advances the clock", () => {
    const q = new EventQueue();
    const order: string[] = [];
    q.after(5, () => order.push("c"));
    q.after(1, () => order.push("a"));
    q.after(1, () => order.push("b"));
    q.after(9, () => order.push("late"));
    q.runUntil(5);
    expect(order).toEqual(["a", "b", "c"]);
    expect(q.now).toBe(5);
    expect(q.size()).toBe(1);
  });
});

describe("simulated network", () => {
  it("cuts links one way for asymmetric partitions, both ways for symmetric ones", () => {
    const { queue, network, got } = net();
    network.cutLink(1, 2);
    network.send(1, 2, "x");
    network.send(2, 1, "y");
    network.partition([[1], [3]]);
    network.send(3, 1, "z");
    queue.runUntil(10);
    expect(got).toEqual(["1:y"]);
    expect([network.sent, network.delivered, network.dropped]).toEqual([3, 1, 2]);
    network.healAll();
    network.send(1, 2, "x");
    queue.runUntil(20);
    expect(got).toEqual(["1:y", "2:x"]);
  });

  it("loses a message whose link is cut while it is in flight", () => {
    const { queue, network, got } = net([5, 5]);
    network.send(1, 2, "x");
    queue.runUntil(2);
    network.isolate(2, [1, 2, 3]);
    queue.runUntil(10);
    expect(got).toEqual([]);
  });

  it("drops, duplicates and reorders at roughly the configured rates", () => {
    const { queue, network, got } = net([1, 1]);
    network.faults = { drop: 0.2, duplicate: 0.1, delay: 0.5, delayMaxMs: 50 };
    for (let i = 0; i < 10_000; i++) network.send(1, 2, String(i));
    queue.runUntil(1_000);
    const delivered = got.length;
    expect(delivered).toBeGreaterThan(8_400);
    expect(delivered).toBeLessThan(9_400);
    const seq = got.map((g) => Number(g.slice(2)));
    let highest = -1;
    let overtaken = 0;
    for (const v of seq) {
      if (v < highest) overtaken++;
      highest = Math.max(highest, v);
    }
    expect(overtaken).toBeGreaterThan(3_000);
  });
});
