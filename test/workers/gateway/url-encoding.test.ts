import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call } from "../consensus/group-api";
import { GATEWAY } from "../gateway-call";

async function problemAt(method: string, path: string, body?: string) {
  const response = await SELF.fetch(`${GATEWAY}${path}`, {
    method,
    ...(body && { body, headers: { "content-type": "application/json" } }),
  });
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return { status: response.status, problem: (await response.json()) as { field?: string } };
}

describe("a badly percent-encoded URL", () => {
  it("is a 400 naming the path, and writes no key named after the raw escape", async () => {
    const before = (await call("GET", "/default/kv?countOnly=true")).body.revision;
    for (const key of ["%", "%zz", "100%", "%FF", "%ED%A0%80", "a%C0%AF"]) {
      const put = await problemAt("PUT", `/v1/groups/default/kv/${key}`, '{"value":"x"}');
      expect(put, key).toMatchObject({ status: 400, problem: { field: "path" } });
    }
    expect((await call("GET", "/default/kv?countOnly=true")).body.revision).toBe(before);
    // Well-formed escapes still decode: %25 is a literal percent sign.
    expect((await call("PUT", "/default/kv/100%25", { value: "x" })).body.key).toBe("100%");
  });

  it("is a 400 naming the query when a query component is malformed", async () => {
    for (const query of ["prefix=%FF", "prefix=%", "%zz=1", "start=%ED%A0%80"]) {
      const answer = await problemAt("GET", `/v1/groups/default/kv?${query}`);
      expect(answer, query).toMatchObject({ status: 400, problem: { field: "query" } });
    }
    const deleteAll = await problemAt("DELETE", "/v1/groups/default/kv?prefix=%FF");
    expect(deleteAll.status).toBe(400);
  });
});
