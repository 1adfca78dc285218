/**
 * The workerd scenario "serves a failed node's keys from its replicas and restores three
 * copies" (test/workers/dht/chord-ring.test.ts), deterministic: an 8-node Chord ring with
 * r = 3 fails a node while idle — no maintenance running that could repair it by chance —
 * and the copies are checked before any read.
 */
import { describe, expect, it } from "vitest";
import { idealState } from "../../../shared/dht/chord/ideal";
import { MembershipView } from "../../../shared/dht/membership-view";
import { snapshotOf } from "../../../shared/dht/ring-membership";
import { membersAround, type RepairPlanner, repairOrder } from "../../../shared/dht/ring-repair";
import { chordDirectory } from "../../../shared/dht/sim/directory-sim";
import { Rng } from "../../../shared/rng";
import { shortKeys, unreadKeys, untilQuiet, valueFor } from "./ring-harness";

const SPEC = { name: "fail", overlay: "chord", nodes: 8, replication: 3, virtualNodes: 1 } as const;
const KEYS = Array.from({ length: 60 }, (_, i) => `key-${i}`);

/** The ring with every key written, gone quiet, and host n3 failed through the directory. */
function failedWhileIdle(seed: number, planner?: RepairPlanner) {
  const { ring, directory } = chordDirectory(new Rng(seed), SPEC, { planner });
  for (const key of KEYS) expect(ring.put("fail/n0", key, valueFor(key)).ok).toBe(true);
  untilQuiet(ring);
  expect([...ring.nodes.keys()].some((addr) => ring.net.alarmSet(addr))).toBe(false);
  const sentBefore = ring.net.sent;
  ring.runFor(3_600_000);
  expect(ring.net.sent).toBe(sentBefore); // an idle ring makes no calls for an hour
  expect(directory.remove("n3", "fail").ok).toBe(true);
  return { ring, directory };
}

describe("a Chord ring failing a node while idle", () => {
  it.each([
    1, 2, 3, 4, 5,
  ])("restores three copies of every key before any read (seed %i)", (seed) => {
    const { ring, directory } = failedWhileIdle(seed);
    // As the directory's call returns, before any alarm or read:
    expect(shortKeys(ring, directory, KEYS)).toEqual([]);
    const live = ring.ring();
    expect(live).toHaveLength(7);
    live.forEach((ref, i) => {
      const node = ring.node(ref.addr);
      const ideal = idealState(live, i, 3);
      expect(node.successors[0]?.addr).toBe(ideal.successors[0]?.addr);
      expect(node.predecessor?.addr).toBe(ideal.predecessor?.addr);
    });
    untilQuiet(ring);
    expect(unreadKeys(ring, directory, KEYS, new Rng(seed))).toEqual([]);
    expect(directory.remove("n4", "fail").ok).toBe(true);
    expect(directory.remove("n5", "fail").ok).toBe(true);
    untilQuiet(ring);
    expect(shortKeys(ring, directory, KEYS)).toEqual([]);
    expect(unreadKeys(ring, directory, KEYS, new Rng(seed))).toEqual([]);
  });

  it("leaves keys short when the repair skips the failed node's second predecessor", () => {
    const skipsSecond: RepairPlanner = (change, index) => {
      const member = change.members[index];
      const view = new MembershipView(snapshotOf(change.record, membersAround(change, index)));
      const second = member ? view.predecessors(member.addr, 2)[1] : undefined;
      return repairOrder(change, index).filter((m) => m.addr !== second?.addr);
    };
    const { ring, directory } = failedWhileIdle(1, skipsSecond);
    untilQuiet(ring);
    // The keys of n3's second predecessor had copies on it, n1's successor and n3: the
    // third copy is never restored, since nothing wakes the second predecessor.
    expect(shortKeys(ring, directory, KEYS).length).toBeGreaterThan(0);
  });
});
