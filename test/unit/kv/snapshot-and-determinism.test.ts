import { describe, expect, it } from "vitest";
import { type KvCommand, KvStateMachine } from "../../../shared/kv/index";
import { Rng } from "../../../shared/rng";

/** A random mix of every command kind over a small keyspace, with a moving leader clock. */
function randomCommands(seed: number, count: number): KvCommand[] {
  const rng = new Rng(seed);
  const commands: KvCommand[] = [];
  let now = 0;
  let leases = 0;
  let revisionGuess = 0;
  const key = () => `${rng.pick(["a/", "b/", ""])}${rng.int(8)}`;
  for (let i = 0; i < count; i++) {
    now += rng.int(500);
    const roll = rng.int(100);
    const lease = leases > 0 && rng.chance(0.3) ? rng.range(1, leases) : undefined;
    if (roll < 35) {
      commands.push({
        type: "put",
        key: key(),
        value: String(rng.int(1000)),
        lease,
        prevKv: rng.chance(0.5),
      });
      revisionGuess++;
    } else if (roll < 45)
      commands.push({
        type: "delete",
        key: rng.chance(0.3) ? "a/" : key(),
        prefix: rng.chance(0.3),
      });
    else if (roll < 65) {
      commands.push({
        type: "txn",
        compare: [
          {
            key: key(),
            target: rng.pick(["version", "modRevision"] as const),
            op: rng.pick(["=", "<", ">", "!="] as const),
            value: rng.int(5),
          },
        ],
        success: [
          { put: { key: `t${rng.int(4)}`, value: String(i), lease } },
          { get: { key: key() } },
        ],
        failure: [{ delete: { key: `t${rng.int(4)}` } }],
      });
    } else if (roll < 72) {
      commands.push({ type: "leaseGrant", ttl: rng.range(1, 5), now });
      leases++;
    } else if (roll < 80)
      commands.push({ type: "leaseKeepAlive", id: rng.range(1, Math.max(1, leases)), now });
    else if (roll < 84)
      commands.push({ type: "leaseRevoke", id: rng.range(1, Math.max(1, leases)) });
    else if (roll < 94) commands.push({ type: "expireLeases", now });
    else if (roll < 97) commands.push({ type: "compact", revision: rng.int(revisionGuess + 1) });
    else commands.push({ type: "range", prefix: rng.pick(["a/", ""]), limit: rng.int(4) });
  }
  return commands;
}

const text = (kv: KvStateMachine) => new TextDecoder().decode(kv.snapshot());

describe("determinism and snapshots", () => {
  it("produces identical results and snapshots on two replicas fed the same commands", () => {
    for (const seed of [1, 2, 3]) {
      const commands = randomCommands(seed, 2_000);
      const a = new KvStateMachine();
      const b = new KvStateMachine();
      const results = commands.map((c, i) => [
        a.apply(c, i + 1),
        b.apply(structuredClone(c), i + 1),
      ]);
      for (const [ra, rb] of results) expect(rb).toEqual(ra);
      expect(text(b)).toBe(text(a));
      // The run exercised the interesting paths, not just errors.
      const kinds = new Set(results.map(([r]) => r?.kind));
      for (const kind of [
        "put",
        "delete",
        "txn",
        "leaseGrant",
        "leaseRevoke",
        "expireLeases",
        "compact",
      ]) {
        expect(kinds, `seed ${seed}`).toContain(kind);
      }
      expect(a.revision).toBeGreaterThan(500);
    }
  });

  it("restores a snapshot into a replica that then behaves exactly like the original", () => {
    const commands = randomCommands(9, 3_000);
    const original = new KvStateMachine();
    for (const [i, c] of commands.slice(0, 1_500).entries()) original.apply(c, i + 1);
    const restored = new KvStateMachine();
    restored.apply({ type: "put", key: "stale", value: "overwritten by restore" }, 1);
    restored.restore(original.snapshot());
    expect(text(restored)).toBe(text(original));
    expect(restored.revision).toBe(original.revision);
    expect(restored.compactRevision).toBe(original.compactRevision);
    expect(restored.get("stale").item).toBeNull();
    for (const [i, c] of commands.slice(1_500).entries()) {
      expect(restored.apply(c, 1_501 + i)).toEqual(original.apply(c, 1_501 + i));
    }
    expect(text(restored)).toBe(text(original));
    expect(restored.eventsSince(restored.compactRevision)).toEqual(
      original.eventsSince(original.compactRevision),
    );
  });

  it("keeps lease attachments across a snapshot, so a later revoke deletes the keys", () => {
    const original = new KvStateMachine();
    original.apply({ type: "leaseGrant", ttl: 10, now: 0 }, 1);
    original.apply({ type: "put", key: "held", value: "1", lease: 1 }, 2);
    const restored = new KvStateMachine();
    restored.restore(original.snapshot());
    expect(restored.lease(1)?.keys).toEqual(["held"]);
    expect(restored.apply({ type: "leaseRevoke", id: 1 }, 3)).toMatchObject({
      deleted: 1,
      revision: 2,
    });
    expect(restored.apply({ type: "leaseGrant", ttl: 10, now: 0 }, 4)).toMatchObject({ id: 2 });
  });
});
