/**
 * Seeded churn on simulated rings whose directory runs the production membership and repair
 * code: write keys, then joins, graceful leaves and failures picked by the seed, each made
 * with the ring idle (every alarm gone) or still busy from the change before. Whenever the
 * ring has gone quiet after a change it records which keys are short of copies on the
 * nodes that should hold them, before any read (a read next to a failure would wake
 * maintenance and repair incidentally). Quiet means no node will run maintenance again
 * until something changes, so what is short then stays short.
 *
 * With `chunks`, the run also writes content-addressed chunks (bytes under chunk keys, as
 * the chunk store does) beside the text keys; they are checked the same way.
 */

import { chunkKey, equalBytes, isReservedKey } from "../../../shared/dht/chunk-key";
import { MembershipView } from "../../../shared/dht/membership-view";
import type { RingSpec } from "../../../shared/dht/ring-config";
import { snapshotOf } from "../../../shared/dht/ring-membership";
import type { RepairPlanner } from "../../../shared/dht/ring-repair";
import { sha256Hex } from "../../../shared/dht/sha256";
import { ChordSim } from "../../../shared/dht/sim/chord-sim";
import {
  chordDirectory,
  type DirectorySim,
  kademliaDirectory,
} from "../../../shared/dht/sim/directory-sim";
import { KademliaSim } from "../../../shared/dht/sim/kademlia-sim";
import { Rng } from "../../../shared/rng";

export type SimOverlayRing = ChordSim | KademliaSim;

export interface Churned {
  ring: SimOverlayRing;
  directory: DirectorySim;
  keys: string[];
  /** Per quiet point: the change before it, and the keys then short of copies (`shortKeys`). */
  changes: { change: string; short: string[] }[];
}

export interface ChurnOptions {
  overlay: "chord" | "kademlia";
  nodes: number;
  replication: number;
  virtualNodes?: number;
  keys?: number;
  /** Chunks written beside the keys (bytes of a few hundred to a few thousand). */
  chunks?: number;
  changes?: number;
  planner?: RepairPlanner;
}

/** Longest a ring may stay busy after a change before the run counts it as never quiet. */
const QUIET_LIMIT_MS = 120_000;

export function valueFor(key: string): string {
  return `value-of-${key}`;
}

/** The bytes written under chunk key `key`: derived from the key, 100–4,099 of them. */
export function bytesFor(key: string): Uint8Array {
  const seed = [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const bytes = new Uint8Array(100 + (seed % 4000));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed + i * 131) & 0xff;
  return bytes;
}

/** What the run writes under `key`: bytes for a chunk key, text for any other. */
export function expectedValue(key: string): string | Uint8Array {
  return isReservedKey(key) ? bytesFor(key) : valueFor(key);
}

/** True when `value` is what the run wrote under `key`. */
export function isExpected(key: string, value: string | Uint8Array | null | undefined): boolean {
  const expected = expectedValue(key);
  if (expected instanceof Uint8Array)
    return value instanceof Uint8Array && equalBytes(value, expected);
  return value === expected;
}

/** Builds a ring for `seed`, writes its keys, waits until idle, then churns it. */
export function churn(seed: number, options: ChurnOptions): Churned {
  const rng = new Rng(seed);
  const spec: RingSpec = {
    name: `r${seed}`,
    overlay: options.overlay,
    nodes: options.nodes,
    replication: options.replication,
    virtualNodes: options.virtualNodes ?? 1,
  };
  const built =
    spec.overlay === "chord"
      ? chordDirectory(rng.fork(), spec, { planner: options.planner })
      : kademliaDirectory(rng.fork(), spec, { planner: options.planner });
  const { ring, directory } = built;
  const keys = Array.from({ length: options.keys ?? 60 }, (_, i) => `key-${seed}-${i}`);
  for (let i = 0; i < (options.chunks ?? 0); i++) {
    // Named as chunks are; the cores never check a name against its bytes (readers do).
    keys.push(chunkKey(sha256Hex(`chunk-${seed}-${i}`)));
  }
  for (const key of keys) {
    const written = ring.put(entry(ring, rng), key, expectedValue(key));
    if (!written.ok) throw new Error(`put ${key} failed`);
  }
  const changes: Churned["changes"] = [];
  const count = options.changes ?? 8;
  for (let i = 0; i < count; i++) {
    const change = pickChange(directory, rng);
    // One change in three is followed by the next at once, while the ring is still busy.
    if (i < count - 1 && rng.int(3) === 0) continue;
    untilQuiet(ring);
    changes.push({ change, short: shortKeys(ring, directory, keys) });
  }
  return { ring, directory, keys, changes };
}

/** Joins, leaves or fails a host, keeping at least replication + 1 live hosts. */
function pickChange(directory: DirectorySim, rng: Rng): string {
  const live = directory.record.hosts.filter((h) => h.state === "live");
  const roll = rng.int(3);
  if (roll === 0 || live.length <= directory.record.spec.replication + 1) {
    const joined = directory.join();
    if (!joined.ok) throw new Error(joined.problem.detail);
    return `join ${joined.value.host}`;
  }
  const host = (live[rng.int(live.length)] as { id: string }).id;
  const mode = roll === 1 ? "leave" : "fail";
  const removed = directory.remove(host, mode);
  if (!removed.ok) throw new Error(removed.problem.detail);
  return `${mode} ${host}`;
}

/** Lets time pass until no node has an alarm set and nothing is in flight (quiet). */
export function untilQuiet(ring: SimOverlayRing): void {
  const end = ring.net.now + QUIET_LIMIT_MS;
  while (ring.net.now < end) {
    const alarms = [...ring.nodes.keys()].some((addr) => ring.net.alarmSet(addr));
    if (!alarms && ring.net.inFlight === 0) return;
    ring.runFor(500);
  }
  throw new Error("the ring never went quiet");
}

/**
 * Keys some node that should hold them lacks. Chord: the owner and the next r − 1 live
 * nodes. Kademlia: at least r live copies anywhere (holders place copies on the k closest
 * they know, which may sit just outside the true k closest; gets find them on the way).
 */
export function shortKeys(ring: SimOverlayRing, directory: DirectorySim, keys: string[]) {
  const r = directory.record.spec.replication;
  return keys.filter((key) => {
    if (ring instanceof ChordSim) {
      return ring
        .replicaSet(key, r)
        .some((m) => !isExpected(key, ring.node(m.addr).store.get(key)?.value));
    }
    let copies = 0;
    for (const node of ring.nodes.values())
      if (isExpected(key, node.store.get(key)?.value)) copies++;
    return copies < r;
  });
}

/** Entry nodes an overlay read tries, as the gateway's `OVERLAY_ATTEMPTS`. */
const OVERLAY_ATTEMPTS = 3;

/**
 * Keys not read back as the gateway reads them: one-hop, from the owner the production
 * membership view names; and overlay, from up to `OVERLAY_ATTEMPTS` random live nodes.
 */
export function unreadKeys(
  ring: SimOverlayRing,
  directory: DirectorySim,
  keys: string[],
  rng: Rng,
): string[] {
  const view = new MembershipView(snapshotOf(directory.record));
  const read = (from: string, key: string) =>
    ring instanceof KademliaSim ? ring.get(from, key).value : ring.get(from, key).record?.value;
  return keys.filter((key) => {
    const owner = view.ownerOf(key);
    if (owner === undefined || !isExpected(key, read(owner.addr, key))) return true;
    for (let attempt = 0; attempt < OVERLAY_ATTEMPTS; attempt++) {
      if (isExpected(key, read(entry(ring, rng), key))) return false;
    }
    return true;
  });
}

function entry(ring: SimOverlayRing, rng: Rng): string {
  const addrs = [...ring.nodes.keys()];
  return addrs[rng.int(addrs.length)] as string;
}
