import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };

describe("a Multi-Paxos group through the CLI", () => {
  it("creates a group with flexible quorums, then writes and reads through it", async () => {
    const created = await edgeos(
      ["group", "create", "orders", "--engine", "paxos", "--replicas", "5", "--quorums", "4,2"],
      env,
    );
    expect(created.stderr).toBe("");
    expect(created.stdout).toContain("group orders created: paxos, 5 replicas");
    expect(created.stdout).toContain("quorums 4 to elect, 2 to commit");
    expect((await edgeos(["kv", "put", "sku/1", "widget", "--group", "orders"], env)).code).toBe(0);
    const got = await edgeos(["kv", "get", "sku/1", "--group", "orders"], env);
    expect(got.stdout.trim()).toContain("widget");
    const status = await edgeos(["group", "status", "orders"], env);
    expect(status.stdout).toMatch(/group orders \(paxos\): leader \d, ballot \(\d+, \d\)/);
    expect(status.stdout).toContain("quorums: 4 to elect, 2 to commit");
  });

  it("refuses quorums that do not intersect, saying why", async () => {
    const refused = await edgeos(
      ["group", "create", "bad", "--engine", "paxos", "--replicas", "5", "--quorums", "3,2"],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("phase1 + phase2 must exceed the 5 replicas");
    expect((await edgeos(["group", "status", "bad"], env)).code).toBe(1);
  });
});
