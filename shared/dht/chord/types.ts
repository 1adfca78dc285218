/**
 * Messages, configuration and persisted state of a Chord node (Stoica et al., SIGCOMM 2001
 * and ToN 2003). Identifiers are 64-bit bigints (see ../ring-id); bigints survive the
 * structured clone of Durable Object RPC and storage, and `ringIdHex` gives a JSON form.
 */
import type { Envelope, Ready } from "../envelope";
import { type RecordValue, TOMBSTONE_GRACE } from "../write-stamp";

/** A node as others know it: its ring identifier and the address to send to. */
export interface ChordRef {
  id: bigint;
  addr: string;
}

export interface ChordConfig {
  /** Length r of the successor list (the paper's fault-tolerance knob). */
  successorListLength: number;
  /** Copies of each key: its successor plus the next `replicas − 1` nodes; ≤ list length + 1. */
  replicas: number;
  /** Ticks between maintenance rounds (stabilize, check_predecessor, fix_fingers); 0 = none. */
  maintenanceEvery: number;
  /** Fingers refreshed per maintenance round, round-robin over the 64 entries. */
  fingersPerRound: number;
  /** Ticks after which an unanswered request counts as a failed peer. */
  rpcTimeout: number;
  /** Ticks a tombstone is kept after its delete's stamp (see `TOMBSTONE_GRACE`). */
  tombstoneGrace: number;
}

export const DEFAULT_CHORD_CONFIG: ChordConfig = {
  successorListLength: 8,
  replicas: 3,
  maintenanceEvery: 1000,
  fingersPerRound: 8,
  rpcTimeout: 500,
  tombstoneGrace: TOMBSTONE_GRACE,
};

/**
 * A stored write of a key: a value, or a tombstone (`value === null`) left by a delete.
 * `stamp` is set by the key's owner at the write (see ../write-stamp); every holder keeps
 * the copy with the latest write. Bytes are a chunk's (see ../chunk-key).
 */
export interface ChordRecord {
  key: string;
  id: bigint;
  value: RecordValue;
  stamp: number;
}

export type ChordRequest =
  /** One step of an iterative lookup: answer the target's successors, or closer nodes. */
  | { kind: "findStep"; target: bigint }
  /** stabilize: who is your predecessor and what is your successor list? */
  | { kind: "neighbours" }
  | { kind: "notify"; node: ChordRef }
  | { kind: "ping" }
  | { kind: "put"; key: string; value: string | Uint8Array }
  | { kind: "get"; key: string }
  | { kind: "delete"; key: string }
  /** Replica pushes and key hand-off (tombstones too): store each record that supersedes the one held. */
  | { kind: "records"; records: ChordRecord[] }
  /** Graceful departure of `node`, with its neighbours so the ring can close over it. */
  | { kind: "leaving"; node: ChordRef; predecessor: ChordRef | null; successors: ChordRef[] };

export type ChordResponse =
  | { kind: "found"; successors: ChordRef[] }
  /** Nodes closer to the target, and the responder's successor list in case they are all dead. */
  | { kind: "closer"; candidates: ChordRef[]; successors: ChordRef[] }
  | { kind: "neighbours"; predecessor: ChordRef | null; successors: ChordRef[] }
  | { kind: "ack" }
  /** `present`: the put was of bytes the owner held already; nothing was written. */
  | { kind: "stored"; stamp: number; present?: boolean }
  /** A get's answer: the live record, or null when absent or deleted. */
  | { kind: "value"; record: ChordRecord | null }
  /** The answer to a push: the held writes that supersede pushed ones, for the pusher to take. */
  | { kind: "newer"; records: ChordRecord[] };

export type ChordEnvelope = Envelope<ChordRequest, ChordResponse>;

/** The outcome of a client operation started on a node (lookup, put, get, delete, join). */
export interface ChordDone {
  op: number;
  ok: boolean;
  /** Remote lookup steps answered before the target's predecessor was reached. */
  hops: number;
  /** Lookup steps that timed out and were routed around. */
  timeouts: number;
  /** The node that served a put/get/delete, or the successor a lookup found. */
  node?: ChordRef;
  /** The target's successor list, for lookups. */
  successors?: ChordRef[];
  /** The record read by a get (null when absent). */
  record?: ChordRecord | null;
  /** A put of bytes the owner held already (nothing written). */
  present?: boolean;
}

/**
 * Routing state to persist. Invariants: `successors` is non-empty, has no duplicates and
 * holds `self` only as its sole entry (a ring of one); `fingers[i]`, when set, is the
 * believed successor of self.id + 2^i.
 */
export interface ChordState {
  self: ChordRef;
  predecessor: ChordRef | null;
  successors: ChordRef[];
  fingers: (ChordRef | null)[];
  nextFinger: number;
}

export type ChordReady = Ready<ChordRequest, ChordResponse, ChordState, ChordDone>;
