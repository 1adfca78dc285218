import { describe, expect, it } from "vitest";
import { api, ringStatus } from "./dht-http";

const KEYS = 24;

async function expectEveryKey(ring: string): Promise<void> {
  for (let i = 0; i < KEYS; i++) {
    const got = await api("GET", `/v1/rings/${ring}/keys/k${i}`);
    expect(got.status).toBe(200);
    expect(got.body.value).toBe(`v${i}`);
  }
}

describe("the dev fault route that crashes ring objects, through wrangler dev", () => {
  it("refuses a host that is not live, a bad body and an unknown ring", async () => {
    expect(
      (
        await api("POST", "/v1/rings", {
          name: "crash-bad",
          overlay: "chord",
          nodes: 3,
          replication: 3,
        })
      ).status,
    ).toBe(201);
    const cases: [string, unknown, number, string][] = [
      ["crash-bad", { crash: ["n99"] }, 400, "body.crash"],
      ["crash-bad", { crash: [] }, 400, "body.crash"],
      ["crash-bad", { crash: "some" }, 400, "body.crash"],
      ["crash-bad", { crash: "all", drop: 1 }, 400, "body"],
      ["no-such-ring", { crash: "all" }, 404, ""],
    ];
    for (const [ring, body, code, field] of cases) {
      const answer = await api("POST", `/v1/_faults/rings/${ring}`, body);
      expect(answer.status, JSON.stringify(body)).toBe(code);
      expect(String(answer.body.field ?? "")).toContain(field);
    }
  });

  it.each([
    "chord",
    "kademlia",
  ] as const)("crashes one host, then everything, of a %s ring; every key survives", async (overlay) => {
    const ring = `crash-${overlay}`;
    const created = await api("POST", "/v1/rings", {
      name: ring,
      overlay,
      nodes: 5,
      replication: 3,
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < KEYS; i++) {
      expect((await api("PUT", `/v1/rings/${ring}/keys/k${i}`, { value: `v${i}` })).status).toBe(
        200,
      );
    }
    const before = await ringStatus(ring);

    const one = await api("POST", `/v1/_faults/rings/${ring}`, { crash: ["n2"] });
    expect(one.body).toEqual({ ring, crashed: ["n2"], directory: false });
    await expectEveryKey(ring);

    const all = await api("POST", `/v1/_faults/rings/${ring}`, { crash: "all" });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ ring, directory: true });
    expect(all.body.crashed).toEqual(before.hosts.map((h) => h.id));
    await expectEveryKey(ring);
    const after = await ringStatus(ring);
    expect(after.version).toBe(before.version);
    expect(after.nodes.map((n) => [n.id, n.keys])).toEqual(before.nodes.map((n) => [n.id, n.keys]));
  });
});
