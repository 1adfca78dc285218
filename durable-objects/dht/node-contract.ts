/**
 * What the gateway and the ring directory exchange with ring-node Durable Objects
 * (CHORD_NODE, KADEMLIA_NODE). Every call answers an `RpcResult`; a node object that holds
 * no node (never created, left, or failed) answers `noNode()`.
 */
import type { Overlay } from "../../shared/dht/ring-config";
import type { RecordValue } from "../../shared/dht/write-stamp";
import { type RpcFailure, rpcFail } from "../../shared/rpc-result";

/** The Durable Object of the ring node at overlay address `addr`. */
export function ringNodeStub(env: Env, overlay: Overlay, addr: string) {
  return overlay === "chord" ? env.CHORD_NODE.getByName(addr) : env.KADEMLIA_NODE.getByName(addr);
}

/** A client operation on one user key, started at the node it is sent to. */
export interface KeyOpRequest {
  kind: "put" | "get" | "delete";
  key: string;
  value?: string;
}

/** A key operation as a node's core runs it: a user key's, or a chunk's (bytes). */
export interface CoreKeyOp {
  kind: "put" | "get" | "delete";
  key: string;
  value?: string | Uint8Array;
}

/** A core that can start the three client operations on one key. */
export interface KeyOpCore<Started> {
  put(key: string, value: string | Uint8Array, now: number): Started;
  get(key: string, now: number): Started;
  delete(key: string, now: number): Started;
}

/** Starts `req` on `core`: the same dispatch for every overlay. */
export function startKeyOp<Started>(
  core: KeyOpCore<Started>,
  req: CoreKeyOp,
  now: number,
): Started {
  if (req.kind === "put") return core.put(req.key, req.value ?? "", now);
  return req.kind === "get" ? core.get(req.key, now) : core.delete(req.key, now);
}

/** A served key operation. */
export interface KeyOpResult {
  /** Routing hops the node took (0 when it served the key itself). */
  hops: number;
  /** Address of the node that served the key. */
  node: string | null;
  /** For gets: the value, or null when the key is absent. */
  value?: string | null;
  /** Chord: the stamp of the write read (orders writes of one key; absent for Kademlia). */
  version?: number;
}

/** A served operation as the core reports it, before the RPC shapes it for keys or chunks. */
export interface ServedKeyOp {
  hops: number;
  node: string | null;
  /** For gets: the value read, or null. */
  value?: RecordValue;
  version?: number;
  /** A put of bytes the serving node held already. */
  present?: boolean;
}

/** A chunk written or deleted, routed to its owner like a key (the owner copies it on). */
export interface ChunkOpRequest {
  kind: "put" | "delete";
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  hash: string;
  /** For puts: the chunk, at most `MAX_CHUNK_BYTES`. */
  bytes?: Uint8Array;
}

/** What a chunk write or delete answers. */
export interface ChunkWritten {
  /** Address of the node that served it (the owner). */
  node: string | null;
  /** A put of a chunk its owner held already: nothing was written. */
  present: boolean;
}

/** One node's own copy of a chunk, read locally without routing. */
export interface ChunkCopy {
  bytes: Uint8Array;
  /** The stamp of the write the copy belongs to (a repair writes it back with it). */
  stamp: number;
}

/** What a key operation that did not reach the key's owner answers (the caller tries elsewhere). */
export function notServed(req: { kind: string }): RpcFailure {
  return rpcFail("unavailable", `the ${req.kind} did not reach the key's owner`);
}

/** One node's view of itself, for ring status. */
export interface NodeStatus {
  addr: string;
  host: string;
  /** Identifier as hex. */
  id: string;
  predecessor: string | null;
  successors: string[];
  /** Chord: fingers set; Kademlia: contacts in all buckets. */
  routingEntries: number;
  /** Kademlia: non-empty buckets (0 for Chord). */
  buckets: number;
  keys: number;
  alarmSet: boolean;
}

/** The detail of `noNode()`. */
export const NO_NODE = "no such ring node";

/**
 * What a node object with no live node answers. An answer rather than a thrown error,
 * which the runtime would log as an uncaught exception on every such call: contacting a
 * failed node is routine, not an error of this object.
 */
export function noNode(): RpcFailure {
  return rpcFail("not-found", NO_NODE);
}
