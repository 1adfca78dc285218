import { describe, expect, it } from "vitest";
import { call, put } from "./group-api";
import { kvCases } from "./kv-cases";

describe("the etcd-like KV over HTTP on a Raft group", () => {
  it("serves the default group without creating it", async () => {
    const written = await put("default", "hello", "world");
    expect(written.status).toBe(200);
    expect((await call("GET", "/default/kv/hello")).body.value).toBe("world");
  });

  kvCases({ engine: "raft" });
});
