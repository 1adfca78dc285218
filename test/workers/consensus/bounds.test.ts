import { describe, expect, it } from "vitest";
import { MAX_KEY_BYTES, MAX_TXN_OPS, MAX_VALUE_BYTES } from "../../../shared/kv";
import { sendRaw } from "../gateway-call";
import { call, createGroup, put } from "./group-api";

/** Sends `body` as it is, so that malformed JSON and wrong media types can be tried. */
function raw(method: string, path: string, body: string, contentType = "application/json") {
  return sendRaw<{ field?: string; type: string }>(method, `/v1/groups${path}`, body, contentType);
}

describe("KV bounds and malformed requests answer problems and change nothing", () => {
  it("rejects each violation with the right status and field, leaving the store as it was", async () => {
    await createGroup("bounds");
    expect((await put("bounds", "keep", "v1")).status).toBe(200);
    const cases: [string, string, unknown, number, string | undefined][] = [
      ["PUT", `/bounds/kv/${"k".repeat(MAX_KEY_BYTES + 1)}`, { value: "x" }, 413, "param.key"],
      ["PUT", "/bounds/kv/keep", { value: "x".repeat(MAX_VALUE_BYTES + 1) }, 413, "body.value"],
      ["PUT", "/bounds/kv/keep", { value: 5 }, 400, "body.value"],
      ["PUT", "/bounds/kv/keep", { value: "x", extra: 1 }, 400, "body"],
      [
        "POST",
        "/bounds/txn",
        {
          success: Array.from({ length: MAX_TXN_OPS + 1 }, (_, i) => ({
            put: { key: `t${i}`, value: "x" },
          })),
        },
        413,
        "body.success",
      ],
      [
        "POST",
        "/bounds/txn",
        { compare: [{ key: "keep", target: "colour", op: "=", value: "x" }] },
        400,
        "body.compare.0.target",
      ],
      ["POST", "/bounds/leases", { ttl: 0 }, 400, "body.ttl"],
      ["POST", "/BAD_NAME/txn", {}, 400, "param.group"],
      ["POST", "", { name: "x", engine: "pbft", replicas: 3 }, 400, "body.engine"],
      [
        "POST",
        "",
        { name: "x", engine: "paxos", replicas: 5, quorums: { phase1: 3, phase2: 2 } },
        400,
        "body.quorums",
      ],
      [
        "POST",
        "",
        { name: "x", engine: "raft", replicas: 3, quorums: { phase1: 2, phase2: 2 } },
        400,
        "body.quorums",
      ],
      ["POST", "", { name: "x", engine: "raft", replicas: 4 }, 400, "body.replicas"],
      ["POST", "", { name: "default", engine: "raft", replicas: 3 }, 409, "body.name"],
    ];
    for (const [method, path, body, status, field] of cases) {
      const answer = await call(method, path, body);
      expect(answer.status, `${method} ${path.slice(0, 40)}`).toBe(status);
      expect(answer.body.field, `${method} ${path.slice(0, 40)}`).toBe(field);
    }
    expect((await raw("PUT", "/bounds/kv/keep", '{"value": ')).status).toBe(400);
    expect((await raw("PUT", "/bounds/kv/keep", '{"value":"x"}', "text/plain")).status).toBe(415);
    const after = await call("GET", "/bounds/kv/keep");
    expect(after.body).toMatchObject({ value: "v1", version: 1, revision: 1 });
    const keys = await call("GET", "/bounds/kv?prefix=");
    expect(keys.body.items).toHaveLength(1);
  });

  it("answers 404 for a group that was never created, and for a missing key", async () => {
    expect((await call("GET", "/never-made/kv/x")).status).toBe(404);
    await createGroup("missing-key");
    const missing = await call("GET", "/missing-key/kv/nothing");
    expect(missing.status).toBe(404);
    expect(missing.body.field).toBe("param.key");
  });
});
