import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../consensus/group-api";
import { GATEWAY } from "../gateway-call";

/** PUT then GET of a key written in the path as `path`; answers what GET saw. */
async function roundTrip(path: string, value: string) {
  const put = await call("PUT", `/default/kv/${path}`, { value });
  const get = await call("GET", `/default/kv/${path}`);
  return { put: put.body, status: get.status, key: get.body.key, value: get.body.value };
}

describe("a key is the whole rest of the path", () => {
  it("stores config/app/db unencoded, lists it under config/ and deletes it", async () => {
    const put = await call("PUT", "/default/kv/config/app/db", { value: "postgres://db" });
    expect(put.status).toBe(200);
    expect(put.body.key).toBe("config/app/db");
    const got = await call("GET", "/default/kv/config/app/db");
    expect(got.body).toMatchObject({ key: "config/app/db", value: "postgres://db" });
    // The same key percent-encoded is the same key.
    expect((await call("GET", "/default/kv/config%2Fapp%2Fdb")).body.value).toBe("postgres://db");
    const listed = await call("GET", "/default/kv?prefix=config/");
    expect((listed.body.items as { key: string }[]).map((i) => i.key)).toContain("config/app/db");
    expect((await call("DELETE", "/default/kv/config/app/db")).body.deleted).toBe(1);
    expect((await call("GET", "/default/kv/config/app/db")).status).toBe(404);
  });

  it("keeps percent-encoding for any byte, and encoded slashes for the odd keys", async () => {
    const cases: [string, string][] = [
      ["%2Fetc%2Fhosts", "/etc/hosts"],
      ["a%2F%2Fb", "a//b"],
      ["a%2F..%2Fb", "a/../b"],
      ["dir/", "dir/"],
      ["100%25", "100%"],
      ["caf%C3%A9/%F0%9F%98%80", "café/😀"],
      ["sp%20ace/q%3Fx%23y", "sp ace/q?x#y"],
      ["plus+sign", "plus+sign"],
      ["nul%00byte", "nul\u0000byte"],
    ];
    for (const [path, key] of cases) {
      const seen = await roundTrip(path, key);
      expect(seen, path).toMatchObject({ status: 200, key, value: key });
    }
  });

  it("bounds the key at 1 KiB of UTF-8 however it is written", async () => {
    const ok = await call("PUT", `/default/kv/${"k/".repeat(512)}`, { value: "x" });
    expect(ok.status).toBe(200);
    const over = await call("PUT", `/default/kv/${"k/".repeat(512)}k`, { value: "x" });
    expect(over.status).toBe(413);
    expect(over.body.field).toBe("param.key");
  });

  it("answers GET /kv/ (an empty key) with a 404 that points to the listing, not a 405", async () => {
    const response = await SELF.fetch(`${GATEWAY}/v1/groups/default/kv/`);
    expect(response.status).toBe(404);
    expect(response.headers.get("allow")).toBeNull();
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toContain("did you mean /v1/groups/default/kv?");
  });

  it("documents the key routes once, with the key parameter described", async () => {
    const document = (await (await SELF.fetch(`${GATEWAY}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; description?: string }[] }>
      >;
    };
    const keyPath = document.paths["/v1/groups/{group}/kv/{key}"];
    expect(Object.keys(keyPath ?? {}).sort()).toEqual(["delete", "get", "put"]);
    const param = keyPath?.get?.parameters?.find((p) => p.name === "key");
    expect(param?.description).toContain("%2F");
    expect(Object.keys(document.paths).filter((p) => p.includes("{key{"))).toEqual([]);
    expect(Object.keys(document.paths["/v1/groups/{group}/kv"] ?? {}).sort()).toEqual([
      "delete",
      "get",
    ]);
  });
});
