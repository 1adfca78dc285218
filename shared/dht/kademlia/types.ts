/**
 * Messages, configuration and persisted state of a Kademlia node (Maymounkov & Mazières,
 * IPTPS 2002). Identifiers are 160-bit bigints (see ../xor-id). Every request names its
 * sender so the receiver can file it in a k-bucket, as the paper's RPCs do.
 */
import type { Envelope, Ready } from "../envelope";
import { type RecordValue, TOMBSTONE_GRACE } from "../write-stamp";

export interface KadContact {
  id: bigint;
  addr: string;
}

export interface KadConfig {
  /** Bucket size and replication factor. */
  k: number;
  /** Requests a lookup keeps in flight. */
  alpha: number;
  /** Ticks after which an unanswered request counts as a failed peer. */
  rpcTimeout: number;
  /** Ticks between maintenance rounds (expiry, republish, refresh); 0 = none. */
  maintenanceEvery: number;
  /** A bucket with no lookup in its range for this many ticks is refreshed. */
  refreshAfter: number;
  /** Every holder re-STOREs a record it has not received a STORE for in this many ticks. */
  republishEvery: number;
  /** A record lives this many ticks after it was last published by its original writer. */
  expireAfter: number;
  /** A delete's tombstone lives this many ticks (see `TOMBSTONE_GRACE`); never republished fresh. */
  tombstoneGrace: number;
}

/**
 * Defaults scaled to the ring: k = clamp(⌈N/8⌉, 3, 20) and α = min(3, k). The paper's
 * k = 20 and α = 3 apply from N = 160 up; below that a bucket of 20 would hold every node,
 * so every lookup would be one hop and every key stored on every node — k shrinks with N
 * so a key lives on about an eighth of a small ring (at least 3 copies, as Chord's r = 3).
 * Times are in ticks; with one tick per millisecond these are 1 h refresh and republish
 * and 24 h expiry, as in the paper.
 */
export function kademliaConfig(nodes: number): KadConfig {
  const k = Math.min(20, Math.max(3, Math.ceil(nodes / 8)));
  return {
    k,
    alpha: Math.min(3, k),
    rpcTimeout: 500,
    maintenanceEvery: 60_000,
    refreshAfter: 3_600_000,
    republishEvery: 3_600_000,
    expireAfter: 86_400_000,
    tombstoneGrace: TOMBSTONE_GRACE,
  };
}

/**
 * A stored value. `expiresAt` and `republishAt` are ticks of the holding node's clock;
 * ttl travels in messages as a remaining duration, since nodes' clocks are not shared.
 * `stamp` orders the writes of one key (not in the paper, whose values are immutable; see
 * ../write-stamp): every copy keeps its write's stamp, and a copy never replaces a later
 * write — so republishes and replica pushes of an old value cannot undo a newer write.
 * `value === null` is a delete's tombstone: it travels and is republished like a value,
 * and lives `tombstoneGrace` ticks from the delete. Bytes are a chunk's (see ../chunk-key).
 */
export interface KadRecord {
  key: string;
  id: bigint;
  value: RecordValue;
  stamp: number;
  expiresAt: number;
  republishAt: number;
}

/** A record as it travels in a STORE: its remaining lifetime instead of local ticks. */
export interface KadCopy {
  key: string;
  value: RecordValue;
  stamp: number;
  ttl: number;
}

export type KadRequest =
  | { kind: "ping"; sender: KadContact }
  | { kind: "findNode"; sender: KadContact; target: bigint }
  | { kind: "findValue"; sender: KadContact; key: string }
  /**
   * STORE, batched: a put or delete sends one copy, a replica push every record the
   * receiver needs (tombstones as well as values).
   */
  | { kind: "store"; sender: KadContact; copies: KadCopy[] };

export type KadResponse =
  | { kind: "pong" }
  | { kind: "nodes"; contacts: KadContact[] }
  /** A found record; `value: null` when it is a tombstone (the key was deleted). */
  | { kind: "value"; value: RecordValue; ttl: number }
  /** `newer`: the held writes that superseded stored copies, for the sender to take. */
  | { kind: "stored"; newer: KadCopy[] };

export type KadEnvelope = Envelope<KadRequest, KadResponse>;

/** The outcome of a client operation (lookup, put, get, delete, join). */
export interface KadDone {
  op: number;
  ok: boolean;
  /** Distinct nodes sent a lookup request. */
  contacted: number;
  /** Lookup depth at which the answer (the value, or the closest node) was found. */
  hops: number;
  /** The k closest live nodes found, closest first (lookups and puts). */
  closest?: KadContact[];
  /** The value read by a get, and the node that returned it. */
  value?: string | Uint8Array;
  node?: KadContact;
  /** Nodes that acknowledged a put's or a delete's STORE. */
  stored?: number;
  /** A put of bytes this node held already (nothing written). */
  present?: boolean;
}

/** Routing state to persist: bucket i holds contacts at distance [2^i, 2^(i+1)), LRS first. */
export interface KadState {
  self: KadContact;
  buckets: KadContact[][];
}

export type KadReady = Ready<KadRequest, KadResponse, KadState, KadDone>;
