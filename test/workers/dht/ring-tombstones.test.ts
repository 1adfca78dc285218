import { describe, expect, it } from "vitest";
import { call, createRing, failNode, getKey, putKey, type RingView, ring } from "./ring-api";

const KEYS = Array.from({ length: 24 }, (_, i) => `key-${i}`);
const DELETED = KEYS.filter((_, i) => i % 3 === 0);

function liveKeys(view: RingView): number {
  return view.nodes.reduce((sum, n) => sum + n.keys, 0);
}

async function expectState(name: string): Promise<void> {
  for (const key of KEYS) {
    for (const routing of ["onehop", "overlay"]) {
      const answer = await getKey(name, key, routing);
      const expected = DELETED.includes(key) ? 404 : 200;
      expect(answer.status, `${key} by ${routing}: ${JSON.stringify(answer.body)}`).toBe(expected);
      if (expected === 200) expect(answer.body.value).toBe(`${key}=v`);
    }
  }
}

describe.each(["chord", "kademlia"] as const)("a key deleted on a %s ring", (overlay) => {
  it("stays 404 through failed, left and joined nodes, and is not counted as a key", async () => {
    const name = `tomb-${overlay}`;
    await createRing(name, 8, overlay, 3);
    for (const key of KEYS) expect((await putKey(name, key, `${key}=v`)).status).toBe(200);
    for (const key of DELETED)
      expect((await call("DELETE", `/${name}/keys/${key}`)).status).toBe(200);
    await expectState(name);
    if (overlay === "chord") {
      expect(liveKeys(await ring(name))).toBe((KEYS.length - DELETED.length) * 3);
    } else {
      expect(liveKeys(await ring(name))).toBeGreaterThanOrEqual((KEYS.length - DELETED.length) * 3);
    }
    await failNode(name, "n2");
    await expectState(name);
    expect((await call("DELETE", `/${name}/nodes/n5?mode=leave`)).status).toBe(200);
    await expectState(name);
    expect((await call("POST", `/${name}/nodes`)).status).toBe(201);
    expect((await call("POST", `/${name}/nodes`)).status).toBe(201);
    await expectState(name);
  });
});
