import { describe, expect, it } from "vitest";
import { consistent, expectAllReadable, KEYS, totalKeys, writeAll } from "./chord-checks";
import { createRing, getKey, ring } from "./ring-api";

describe("a Chord ring of Durable Objects: routing", () => {
  it("serves keys with one hop from the owner, and overlay routing finds the same values", async () => {
    await createRing("basic", 8);
    await writeAll("basic", "v1");
    const view = await ring("basic");
    expect(consistent(view)).toBe(true);
    expect(totalKeys(view)).toBe(KEYS.length * 3);
    const onehop = await getKey("basic", "key-7");
    expect(onehop.headers.get("edgeos-hops")).toBe("1");
    expect(onehop.headers.get("edgeos-node")).toMatch(/^n\d+$/);
    await expectAllReadable("basic", "v1", "overlay");
    const overlayHops: number[] = [];
    for (const key of KEYS.slice(0, 20)) {
      overlayHops.push(Number((await getKey("basic", key, "overlay")).headers.get("edgeos-hops")));
    }
    expect(Math.max(...overlayHops)).toBeLessThanOrEqual(4);
    expect(overlayHops.some((h) => h > 0)).toBe(true);
  });
});
