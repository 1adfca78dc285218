import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../shared/dht/sha256";
import {
  bitLength,
  bucketIndex,
  compareDistance,
  kadId,
  kadIdHex,
  randomIdInBucket,
  xorDistance,
} from "../../../shared/dht/xor-id";
import { Rng } from "../../../shared/rng";

function randomId(rng: Rng): bigint {
  let id = 0n;
  for (let i = 0; i < 5; i++) id = (id << 32n) | BigInt(rng.nextUint32());
  // Shorten some identifiers so that near neighbours and high buckets both occur.
  return rng.chance(0.3) ? id >> BigInt(rng.int(160)) : id;
}

describe("Kademlia XOR math", () => {
  it("takes identifiers from the first 160 bits of SHA-256", () => {
    expect(kadIdHex(kadId("abc"))).toBe(sha256Hex("abc").slice(0, 40));
  });

  it("is a metric: zero only on itself, symmetric, and XOR-additive", () => {
    const rng = new Rng(21);
    for (let i = 0; i < 5_000; i++) {
      const [a, b, c] = [randomId(rng), randomId(rng), randomId(rng)];
      expect(xorDistance(a, a)).toBe(0n);
      expect(xorDistance(a, b)).toBe(xorDistance(b, a));
      expect(xorDistance(a, b) ^ xorDistance(b, c)).toBe(xorDistance(a, c));
      expect(xorDistance(a, c) <= xorDistance(a, b) + xorDistance(b, c)).toBe(true);
    }
  });

  it("puts a contact at distance [2^i, 2^(i+1)) into bucket i", () => {
    const rng = new Rng(22);
    for (let i = 0; i < 5_000; i++) {
      const [a, b] = [randomId(rng), randomId(rng)];
      const index = bucketIndex(a, b);
      expect(bucketIndex(b, a)).toBe(index);
      if (a === b) {
        expect(index).toBe(-1);
        continue;
      }
      const d = xorDistance(a, b);
      expect(d >= 1n << BigInt(index) && d < 1n << BigInt(index + 1)).toBe(true);
      expect(bitLength(d)).toBe(d.toString(2).length);
    }
  });

  it("draws refresh targets inside the requested bucket", () => {
    const rng = new Rng(23);
    for (let i = 0; i < 2_000; i++) {
      const self = randomId(rng);
      const index = rng.int(160);
      expect(
        bucketIndex(
          self,
          randomIdInBucket(self, index, () => rng.nextUint32()),
        ),
      ).toBe(index);
    }
  });

  it("orders by distance to the target", () => {
    const rng = new Rng(24);
    for (let i = 0; i < 2_000; i++) {
      const [t, a, b] = [randomId(rng), randomId(rng), randomId(rng)];
      const sign = Math.sign(compareDistance(t, a, b));
      const expected = (a ^ t) < (b ^ t) ? -1 : (a ^ t) > (b ^ t) ? 1 : 0;
      expect(sign).toBe(expected);
    }
  });
});
