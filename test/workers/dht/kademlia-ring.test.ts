import { describe, expect, it } from "vitest";
import { call, createRing, failNode, getKey, putKey, ring } from "./ring-api";

describe("a Kademlia ring of Durable Objects", () => {
  it("stores on the closest nodes, reads by either routing, and survives a failed node", async () => {
    const created = await createRing("kad", 12, "kademlia", 3);
    expect(created.nodes).toHaveLength(12);
    for (let i = 0; i < 30; i++) expect((await putKey("kad", `k${i}`, `v${i}`)).status).toBe(200);
    const view = await ring("kad");
    expect(view.nodes.reduce((sum, n) => sum + n.keys, 0)).toBeGreaterThanOrEqual(30 * 3);
    const direct = await getKey("kad", "k3");
    expect(direct.body.value).toBe("v3");
    expect(direct.headers.get("edgeos-hops")).toBe("1");
    for (let i = 0; i < 30; i++)
      expect((await getKey("kad", `k${i}`, "overlay")).body.value).toBe(`v${i}`);
    await failNode("kad", "n4");
    for (let i = 0; i < 30; i++) expect((await getKey("kad", `k${i}`)).body.value).toBe(`v${i}`);
    expect((await call("DELETE", "/kad/keys/k5")).status).toBe(200);
    expect((await getKey("kad", "k5")).status).toBe(404);
    expect((await getKey("kad", "k5", "overlay")).status).toBe(404);
    expect((await call("POST", "/kad/nodes")).status).toBe(201);
    expect((await getKey("kad", "k6")).body.value).toBe("v6");
  });
});
