import { describe, expect, it } from "vitest";
import type { ApiClient } from "../../../cli/client";
import { kvCommand } from "../../../cli/commands/kv";
import { kvKeyPath } from "../../../cli/commands/kv-path";

/** Runs `edgeos kv …` against a fake client that answers from `pages` by request. */
async function kv(args: string[], answer: (method: string, path: string) => unknown) {
  const calls: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const client = {
    get: async (path: string) => {
      calls.push(`GET ${path}`);
      return answer("GET", path);
    },
    request: async (method: string, path: string) => {
      calls.push(`${method} ${path}`);
      return answer(method, path);
    },
  } as unknown as ApiClient;
  const context = {
    options: { url: "http://x", token: undefined, json: false },
    client,
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
  };
  const code = await kvCommand.run(context, args).catch((error: Error) => error);
  return { code, calls, out, err };
}

describe("kv keys in paths", () => {
  it("keeps slashes readable and encodes whole the keys URLs would change", () => {
    expect(kvKeyPath("default", "config/app/db")).toBe("/v1/groups/default/kv/config/app/db");
    expect(kvKeyPath("default", "a b/ü?#")).toBe("/v1/groups/default/kv/a%20b/%C3%BC%3F%23");
    expect(kvKeyPath("default", "dir/")).toBe("/v1/groups/default/kv/dir/");
    expect(kvKeyPath("g", "/etc/hosts")).toBe("/v1/groups/g/kv/%2Fetc%2Fhosts");
    expect(kvKeyPath("g", "a//b")).toBe("/v1/groups/g/kv/a%2F%2Fb");
    expect(kvKeyPath("g", "a/../b")).toBe("/v1/groups/g/kv/a%2F..%2Fb");
    expect(kvKeyPath("g", "a/.")).toBe("/v1/groups/g/kv/a%2F.");
    expect(() => kvKeyPath("g", "..")).toThrow(/kv txn/);
  });
});

describe("kv ls and kv rm", () => {
  it("follows cursors with --all and prints a tree level with its prefixes in key order", async () => {
    const pages: Record<string, unknown> = {
      "": {
        items: [{ key: "config/log", value: "1" }],
        prefixes: ["config/app/"],
        more: true,
        cursor: "config/web/",
      },
      "config/web/": { items: [], prefixes: ["config/web/"], more: false },
    };
    const run = await kv(["ls", "config/", "--tree", "--all"], (_, path) => {
      const cursor = new URL(path, "http://x").searchParams.get("cursor") ?? "";
      return pages[cursor];
    });
    expect(run.code).toBe(0);
    expect(run.calls).toEqual([
      "GET /v1/groups/default/kv?prefix=config%2F&separator=%2F&limit=1000",
      "GET /v1/groups/default/kv?prefix=config%2F&separator=%2F&limit=1000&cursor=config%2Fweb%2F",
    ]);
    expect(run.out).toEqual(["config/app/", "config/log = 1", "config/web/"]);
    expect(run.err).toEqual([]);
  });

  it("says how to continue a listing that has more", async () => {
    const run = await kv(["ls", "--limit", "1"], () => ({
      items: [{ key: "a", value: "1" }],
      more: true,
      cursor: "b",
    }));
    expect(run.out).toEqual(["a = 1"]);
    expect(run.err[0]).toContain('--cursor "b"');
  });

  it("deletes by prefix or all and prints how many keys went; refuses an empty prefix", async () => {
    const deleted = () => ({ deleted: 3, revision: 9 });
    const byPrefix = await kv(["rm", "--prefix", "config/"], deleted);
    expect(byPrefix.calls).toEqual(["DELETE /v1/groups/default/kv?prefix=config%2F"]);
    expect(byPrefix.out).toEqual(["deleted 3 keys (revision 9)"]);
    expect((await kv(["rm", "--all", "--group", "g"], deleted)).calls).toEqual([
      "DELETE /v1/groups/g/kv?all=true",
    ]);
    expect((await kv(["del", "config/app/db"], deleted)).calls).toEqual([
      "DELETE /v1/groups/default/kv/config/app/db",
    ]);
    for (const args of [
      ["rm", "--prefix", ""],
      ["rm"],
      ["rm", "k", "--all"],
      ["rm", "--prefix", "a", "--all"],
    ]) {
      const refused = await kv(args, deleted);
      expect(refused.code, args.join(" ")).toBeInstanceOf(Error);
      expect(refused.calls).toEqual([]);
    }
  });
});
