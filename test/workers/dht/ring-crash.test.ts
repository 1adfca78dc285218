import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ringNodeStub } from "../../../durable-objects/dht/node-contract";
import { createRing, getKey, putKey, ring } from "./ring-api";

/** The live object behind `stub` (a new one after it was aborted). */
function instanceOf(stub: DurableObjectStub): Promise<unknown> {
  return runInDurableObject(stub, (instance) => instance);
}

describe.each([
  "chord",
  "kademlia",
] as const)("a %s ring whose every object crashed (as if evicted)", (overlay) => {
  it("reloads each node and its directory from storage and serves every key", async () => {
    const name = `crash-${overlay}`;
    await createRing(name, 4, overlay);
    for (let i = 0; i < 12; i++) expect((await putKey(name, `k${i}`, `v${i}`)).status).toBe(200);
    const before = await ring(name);
    // A stub whose object was aborted stays broken: every step takes fresh ones.
    const stubs = () => [
      env.RING_DIRECTORY.getByName(name),
      ...before.hosts.map((h) => ringNodeStub(env, overlay, `${name}/${h.id}`)),
    ];
    const instances = await Promise.all(stubs().map(instanceOf));

    for (const stub of stubs()) await stub.crash().catch(() => undefined);

    const after = await Promise.all(stubs().map(instanceOf));
    for (const [i, instance] of after.entries()) expect(instance).not.toBe(instances[i]);
    for (let i = 0; i < 12; i++) {
      const got = await getKey(name, `k${i}`);
      expect(got.status).toBe(200);
      expect(got.body.value).toBe(`v${i}`);
    }
    const reloaded = await ring(name);
    expect(reloaded.version).toBe(before.version);
    expect(reloaded.nodes.map((n) => [n.id, n.keys])).toEqual(
      before.nodes.map((n) => [n.id, n.keys]),
    );
  });
});
