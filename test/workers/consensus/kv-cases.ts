import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { call, createGroup, eventually, type GroupOptions, put } from "./group-api";

/**
 * The etcd-like KV over HTTP, as every consensus engine must serve it: revisions,
 * compare-and-swap, leases and their expiry, watches — run by one test file per engine.
 */
export function kvCases(options: GroupOptions): void {
  it("tracks revisions, versions and prev values like etcd", async () => {
    await createGroup("revs", options);
    await put("revs", "a", "1");
    await put("revs", "b", "1");
    const again = await call("PUT", "/revs/kv/a?prev=true", { value: "2" });
    expect(again.body).toMatchObject({
      key: "a",
      value: "2",
      createRevision: 1,
      modRevision: 3,
      version: 2,
      revision: 3,
    });
    expect((again.body.prev as { value: string }).value).toBe("1");
    const range = await call("GET", "/revs/kv?prefix=&limit=1");
    expect(range.body).toMatchObject({ revision: 3, more: true });
    expect((await call("DELETE", "/revs/kv/a")).body).toEqual({ deleted: 1, revision: 4 });
  });

  it("does compare-and-swap as a txn", async () => {
    await createGroup("cas", options);
    await put("cas", "x", "old");
    const swap = (expected: string) =>
      call("POST", "/cas/txn", {
        compare: [{ key: "x", target: "value", op: "=", value: expected }],
        success: [{ put: { key: "x", value: "new" } }],
        failure: [{ get: { key: "x" } }],
      });
    expect((await swap("old")).body.succeeded).toBe(true);
    const lost = await swap("old");
    expect(lost.body.succeeded).toBe(false);
    expect((lost.body.results as { item: { value: string } }[])[0]?.item.value).toBe("new");
  });

  it("deletes keys attached to a revoked lease and renews a live one", async () => {
    await createGroup("leases", options);
    const lease = (await call("POST", "/leases/leases", { ttl: 60 })).body as {
      id: number;
      ttl: number;
    };
    expect(lease.ttl).toBe(60);
    expect((await call("PUT", "/leases/kv/session", { value: "on", lease: lease.id })).status).toBe(
      200,
    );
    expect((await call("POST", `/leases/leases/${lease.id}/keepalive`)).body).toEqual({
      id: lease.id,
      ttl: 60,
    });
    expect((await call("DELETE", `/leases/leases/${lease.id}`)).body).toMatchObject({ deleted: 1 });
    expect((await call("GET", "/leases/kv/session")).status).toBe(404);
    expect((await call("POST", `/leases/leases/${lease.id}/keepalive`)).status).toBe(404);
  });

  it("expires a lease on the leader's clock and deletes its keys through the log", async () => {
    await createGroup("expiry", options);
    const lease = (await call("POST", "/expiry/leases", { ttl: 1 })).body as { id: number };
    expect(
      (await call("PUT", "/expiry/kv/ephemeral", { value: "soon gone", lease: lease.id })).status,
    ).toBe(200);
    const gone = await eventually(
      () => call("GET", "/expiry/kv/ephemeral"),
      (answer) => answer.status === 404,
      10_000,
    );
    expect(gone.status).toBe(404);
  });

  it("streams put and delete events from a revision as server-sent events", async () => {
    await createGroup("watch", options);
    await put("watch", "w/a", "1");
    await put("watch", "other", "x");
    await call("DELETE", "/watch/kv/w%2Fa");
    const response = await SELF.fetch(
      "http://edgeos.test/v1/groups/watch/watch?prefix=w/&fromRevision=1",
    );
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body?.getReader();
    let text = "";
    while (reader && !text.includes("event: delete")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader?.cancel();
    const events = text.split("\n\n").filter((block) => block.startsWith("event:"));
    expect(events[0]).toMatch(/^event: put\n/);
    expect(events[0]).toContain('"key":"w/a"');
    expect(events[0]).toContain("id: 1");
    expect(events[1]).toMatch(/^event: delete\n/);
    expect(events[1]).toContain("id: 3");
    expect(text).not.toContain('"other"');
  });

  it("refuses a watch from a compacted revision, naming the field", async () => {
    await createGroup("compacted", options);
    for (let i = 0; i < 4; i++) await put("compacted", "k", String(i));
    const compacted = await call("POST", "/compacted/compact", { revision: 3 });
    expect(compacted.body).toMatchObject({ compactRevision: 3 });
    const response = await SELF.fetch(
      "http://edgeos.test/v1/groups/compacted/watch?fromRevision=1",
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { field: string }).field).toBe("query.fromRevision");
  });
}
