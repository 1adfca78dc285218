import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, createGroup, put } from "../consensus/group-api";
import { GATEWAY } from "../gateway-call";

async function keys(group: string): Promise<string[]> {
  const listed = await call("GET", `/${group}/kv?limit=1000`);
  return (listed.body.items as { key: string }[]).map((item) => item.key);
}

describe("deleting keys by prefix or interval over HTTP", () => {
  it("deletes a prefix in one revision, says how many went, and emits one event per key", async () => {
    await createGroup("prune");
    for (const key of ["config/app/db", "config/app/url", "config/log", "configs"]) {
      await put("prune", key, "v");
    }
    const deleted = await call("DELETE", "/prune/kv?prefix=config/app/");
    expect(deleted.body).toEqual({ deleted: 2, revision: 5 });
    expect(await keys("prune")).toEqual(["config/log", "configs"]);
    const watch = await SELF.fetch(
      `${GATEWAY}/v1/groups/prune/watch?prefix=config/&fromRevision=5`,
    );
    const reader = watch.body?.getReader();
    let text = "";
    while (reader && (text.match(/event: delete/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader?.cancel();
    expect(text).toContain('"key":"config/app/db"');
    expect(text).toContain('"key":"config/app/url"');
    const interval = await call("DELETE", "/prune/kv?start=config/log&end=configs");
    expect(interval.body).toMatchObject({ deleted: 1 });
    expect(await keys("prune")).toEqual(["configs"]);
  });

  it("refuses to delete every key unless all=true, and then deletes them", async () => {
    await createGroup("wipe");
    await put("wipe", "a", "1");
    await put("wipe", "b/c", "2");
    const revision = async () => (await call("GET", "/wipe/kv?countOnly=true")).body.revision;
    const before = await revision();
    for (const query of ["", "?prefix=", "?all=false", "?start=", "?all=true&prefix=a", "?all=1"]) {
      const refused = await call("DELETE", `/wipe/kv${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await revision()).toBe(before);
    expect(await keys("wipe")).toEqual(["a", "b/c"]);
    expect((await call("DELETE", "/wipe/kv?all=true")).body).toMatchObject({ deleted: 2 });
    expect(await keys("wipe")).toEqual([]);
  });
});
