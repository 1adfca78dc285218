import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { edgeos } from "./edgeos-cli";

const env = { EDGEOS_URL: inject("baseUrl"), EDGEOS_TOKEN: inject("token") };

describe("edgeos kv, lease and group against wrangler dev", () => {
  it("puts and gets hello in the default group, the first thing a new user does", async () => {
    const put = await edgeos(["kv", "put", "hello", "world"], env);
    expect(put.code, put.stderr).toBe(0);
    expect(put.stdout).toContain("hello = world");
    const get = await edgeos(["kv", "get", "hello"], env);
    expect(get.stdout.trim()).toBe("world");
  });

  it("lists, deletes and runs a txn from a file", async () => {
    await edgeos(["kv", "put", "cli/a", "1"], env);
    await edgeos(["kv", "put", "cli/b", "2"], env);
    const listed = await edgeos(["kv", "ls", "cli/"], env);
    expect(listed.stdout).toBe("cli/a = 1\ncli/b = 2\n");
    const file = join(mkdtempSync(join(tmpdir(), "edgeos-txn-")), "txn.json");
    writeFileSync(
      file,
      JSON.stringify({
        compare: [{ key: "cli/a", target: "value", op: "=", value: "1" }],
        success: [{ put: { key: "cli/a", value: "swapped" } }],
      }),
    );
    const txn = await edgeos(["kv", "txn", file], env);
    expect(txn.stdout).toContain("succeeded");
    expect((await edgeos(["kv", "txn", file], env)).code).toBe(1);
    expect((await edgeos(["kv", "del", "cli/b"], env)).stdout).toContain("deleted 1");
    const missing = await edgeos(["kv", "get", "cli/b"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("404");
  });

  it("puts config/app/db unencoded, curl's GET of that path agrees, ls --tree and rm --prefix work", async () => {
    const put = await edgeos(["kv", "put", "config/app/db", "x"], env);
    expect(put.code, put.stderr).toBe(0);
    const response = await fetch(`${env.EDGEOS_URL}/v1/groups/default/kv/config/app/db`, {
      headers: { authorization: `Bearer ${env.EDGEOS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ key: "config/app/db", value: "x" });
    await edgeos(["kv", "put", "config/log", "y"], env);
    const level = await edgeos(["kv", "ls", "config/", "--tree"], env);
    expect(level.stdout).toBe("config/app/\nconfig/log = y\n");
    const removed = await edgeos(["kv", "rm", "--prefix", "config/"], env);
    expect(removed.stdout).toMatch(/^deleted 2 keys \(revision \d+\)\n$/);
    expect((await edgeos(["kv", "get", "config/app/db"], env)).code).toBe(1);
  });

  it("grants, renews and revokes a lease that owns a key", async () => {
    const granted = await edgeos(["--json", "lease", "grant", "60"], env);
    const { id } = JSON.parse(granted.stdout) as { id: number };
    await edgeos(["kv", "put", "cli/leased", "x", "--lease", String(id)], env);
    expect((await edgeos(["lease", "keepalive", String(id)], env)).stdout).toContain(
      "renewed for 60 s",
    );
    expect((await edgeos(["lease", "revoke", String(id)], env)).stdout).toContain(
      "1 key(s) deleted",
    );
  });

  it("creates a group, shows its members and transfers leadership", async () => {
    expect((await edgeos(["group", "create", "cli-group"], env)).code).toBe(0);
    await edgeos(["kv", "put", "x", "1", "--group", "cli-group"], env);
    const status = await edgeos(["--json", "group", "status", "cli-group"], env);
    const { leader } = JSON.parse(status.stdout) as { leader: number };
    const target = leader === 1 ? 2 : 1;
    const moved = await edgeos(["group", "transfer", "cli-group", String(target)], env);
    expect(moved.stdout, moved.stderr).toContain(`replica ${target} now leads`);
    const human = await edgeos(["group", "status", "cli-group"], env);
    expect(human.stdout).toContain(`leader ${target}`);
  });

  it("rejects a bad subcommand with usage and exit code 2", async () => {
    const bad = await edgeos(["kv", "frob"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("edgeos kv put KEY VALUE");
  });
});
