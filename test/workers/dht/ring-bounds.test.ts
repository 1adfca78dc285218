import { describe, expect, it } from "vitest";
import { call, createRing, getKey, putKey, ring } from "./ring-api";

describe("DHT ring routes refuse bad input and change nothing", () => {
  it("has a default Chord ring of 16 nodes with r = 3 without creating it", async () => {
    const view = await ring("default");
    expect(view.nodes).toHaveLength(16);
    expect((await call("GET", "/default")).body).toMatchObject({
      overlay: "chord",
      replication: 3,
    });
    const conflict = await call("POST", "", {
      name: "default",
      overlay: "chord",
      nodes: 4,
      replication: 1,
    });
    expect(conflict.status).toBe(409);
  });

  it("answers problems for bad ring specs, unknown rings and nodes", async () => {
    const cases: [unknown, number, string][] = [
      [{ name: "Bad Name", overlay: "chord", nodes: 4, replication: 1 }, 400, "body.name"],
      [{ name: "x", overlay: "pastry", nodes: 4, replication: 1 }, 400, "body.overlay"],
      [{ name: "x", overlay: "chord", nodes: 0, replication: 1 }, 400, "body.nodes"],
      [{ name: "x", overlay: "chord", nodes: 4, replication: 9 }, 400, "body.replication"],
      [{ name: "x", overlay: "chord", nodes: 2, replication: 3 }, 400, "body.replication"],
      [
        { name: "x", overlay: "chord", nodes: 100, replication: 3, virtualNodes: 8 },
        400,
        "body.virtualNodes",
      ],
      [{ name: "x", overlay: "chord", nodes: 4, replication: 1, extra: 1 }, 400, "body"],
    ];
    for (const [body, status, field] of cases) {
      const answer = await call("POST", "", body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(String(answer.body.field)).toContain(field);
    }
    expect((await call("GET", "/x")).status).toBe(404);
    expect((await call("POST", "/x/nodes")).status).toBe(404);
    await createRing("bounds", 3, "chord", 2);
    expect((await call("DELETE", "/bounds/nodes/n9")).status).toBe(404);
    expect((await call("DELETE", "/bounds/nodes/zz")).status).toBe(400);
    expect((await call("DELETE", "/bounds/nodes/n1?mode=fail")).status).toBe(404);
    expect((await call("DELETE", "/bounds/nodes/n1?mode=crash")).status).toBe(400);
    expect((await ring("bounds")).version).toBe(1);
  });

  it("bounds keys and values, wants JSON, and leaves the key as it was", async () => {
    await createRing("sizes", 3, "chord", 2);
    expect((await putKey("sizes", "k", "before")).status).toBe(200);
    const big = await putKey("sizes", "k", "x".repeat(128 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.field).toBe("body.value");
    expect((await putKey("sizes", "k".repeat(513), "v")).status).toBe(413);
    const notJson = await SELFput("sizes", "k");
    expect(notJson).toBe(415);
    expect((await call("PUT", "/sizes/keys/k", { value: 3 })).status).toBe(400);
    expect((await call("PUT", "/sizes/keys/k?routing=magic", { value: "v" })).status).toBe(400);
    // Keys beginning with a control character are edgeos's own (chunks): not a user's.
    for (const reserved of ["\u0001chunk/x", "\u0000k"]) {
      const refused = await putKey("sizes", reserved, "v");
      expect(refused.status).toBe(400);
      expect(refused.body.field).toBe("param.key");
      expect((await getKey("sizes", reserved)).status).toBe(400);
    }
    const after = await getKey("sizes", "k");
    expect(after.body).toMatchObject({ value: "before" });
    expect((await getKey("sizes", "absent")).status).toBe(404);
    expect((await putKey("sizes", "k", "y".repeat(128 * 1024))).status).toBe(200);
    const later = await getKey("sizes", "k");
    expect(later.body.version as number).toBeGreaterThan(after.body.version as number);
  });
});

async function SELFput(ringName: string, key: string): Promise<number> {
  const { SELF } = await import("cloudflare:test");
  const response = await SELF.fetch(`http://edgeos.test/v1/rings/${ringName}/keys/${key}`, {
    method: "PUT",
    headers: { "content-type": "text/plain" },
    body: "v",
  });
  await response.arrayBuffer();
  return response.status;
}
