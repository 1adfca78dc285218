import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };

async function run(args: string[]) {
  const result = await edgeos(args, env);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe("DHT rings from the CLI, through wrangler dev", () => {
  it("creates a ring, puts, gets and deletes keys, joins, leaves and fails nodes", async () => {
    const created = await run(["ring", "create", "cli-ring", "--nodes", "5", "--replication", "2"]);
    expect(created.stdout).toContain("cli-ring: chord, 5 nodes, r = 2");
    await run(["dht", "put", "greeting", "hello world", "--ring", "cli-ring"]);
    const got = await run(["dht", "get", "greeting", "--ring", "cli-ring", "--routing", "overlay"]);
    expect(got.stdout.trim()).toBe("hello world");
    expect(got.stderr).toMatch(/node n\d+, \d+ hops/);
    const json = JSON.parse(
      (await run(["--json", "dht", "get", "greeting", "--ring", "cli-ring"])).stdout,
    );
    expect(json).toMatchObject({ key: "greeting", value: "hello world", hops: 1 });
    expect((await run(["ring", "join", "cli-ring"])).stdout).toMatch(/joined n5/);
    expect((await run(["ring", "leave", "n1", "--ring", "cli-ring"])).stdout).toContain("n1 left");
    expect((await run(["ring", "fail", "n2", "--ring", "cli-ring"])).stdout).toContain("n2 failed");
    const status = await run(["ring", "status", "cli-ring"]);
    expect(status.stdout.trim().split("\n")).toHaveLength(1 + 4);
    expect((await run(["dht", "get", "greeting", "--ring", "cli-ring"])).stdout.trim()).toBe(
      "hello world",
    );
    await run(["dht", "del", "greeting", "--ring", "cli-ring"]);
    const missing = await edgeos(["dht", "get", "greeting", "--ring", "cli-ring"], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("no key");
  });

  it("exits non-zero with the problem for a bad ring", async () => {
    const bad = await edgeos(["ring", "create", "Bad_Name"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("ring names");
  });
});
