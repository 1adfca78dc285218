import { describe, expect, it } from "vitest";
import {
  chordId,
  fingerStart,
  inClosedOpen,
  inOpen,
  inOpenClosed,
  RING_SIZE,
  ringAdd,
  ringDistance,
  ringIdHex,
} from "../../../shared/dht/ring-id";
import { sha256Hex } from "../../../shared/dht/sha256";
import { Rng } from "../../../shared/rng";

const TOP = RING_SIZE - 1n;

function randomId(rng: Rng): bigint {
  return (BigInt(rng.nextUint32()) << 32n) | BigInt(rng.nextUint32());
}

/** Random points plus the edge cases where wrap-around bugs live. */
function samples(rng: Rng): [bigint, bigint, bigint] {
  const a = rng.chance(0.2) ? rng.pick([0n, TOP, 1n]) : randomId(rng);
  const b = rng.chance(0.2)
    ? rng.pick([a, ringAdd(a, 1n), ringAdd(a, TOP), 0n, TOP])
    : randomId(rng);
  const x = rng.chance(0.3)
    ? rng.pick([a, b, ringAdd(a, 1n), ringAdd(b, 1n), ringAdd(b, TOP), 0n, TOP])
    : randomId(rng);
  return [a, b, x];
}

describe("Chord ring math", () => {
  it("takes identifiers from the first 64 bits of SHA-256", () => {
    expect(ringIdHex(chordId("abc"))).toBe(sha256Hex("abc").slice(0, 16));
    expect(chordId("node-1")).toBeLessThan(RING_SIZE);
  });

  it("defines every interval by clockwise distance, wrap-around included", () => {
    const rng = new Rng(11);
    for (let i = 0; i < 20_000; i++) {
      const [a, b, x] = samples(rng);
      const dx = ringDistance(a, x);
      const db = ringDistance(a, b) === 0n ? RING_SIZE : ringDistance(a, b);
      expect(inOpen(x, a, b)).toBe(dx > 0n && dx < db);
      expect(inOpenClosed(x, a, b)).toBe(a === b || (dx > 0n && dx <= db));
      expect(inClosedOpen(x, a, b)).toBe(a === b || dx < db);
    }
  });

  it("splits the ring into (a, b] and (b, a] with no overlap and no gap", () => {
    const rng = new Rng(12);
    for (let i = 0; i < 20_000; i++) {
      const [a, b, x] = samples(rng);
      if (a === b) continue;
      expect(inOpenClosed(x, a, b) !== inOpenClosed(x, b, a)).toBe(true);
      expect(inOpen(x, a, b)).toBe(inOpenClosed(x, a, b) && x !== b);
    }
  });

  it("adds modulo 2^64 and places finger i at distance 2^i", () => {
    expect(ringAdd(TOP, 1n)).toBe(0n);
    const rng = new Rng(13);
    for (let i = 0; i < 2_000; i++) {
      const n = randomId(rng);
      const k = rng.int(64);
      expect(ringDistance(n, fingerStart(n, k))).toBe(1n << BigInt(k));
      expect(ringAdd(n, ringDistance(n, randomId(rng)))).toBeLessThan(RING_SIZE);
    }
  });
});
