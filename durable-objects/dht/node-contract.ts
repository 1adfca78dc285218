/**
 * What the gateway and the ring directory exchange with ring-node Durable Objects
 * (CHORD_NODE, KADEMLIA_NODE), and the shells' timing. Ticks of the pure cores are
 * milliseconds of the Durable Object's clock.
 */
import type { Overlay } from "../../shared/dht/ring-config";

/** Who a node is and how its ring is configured; kept in the node's storage. */
export interface NodeSpec {
  ring: string;
  overlay: Overlay;
  /** This node's address (its Durable Object name). */
  addr: string;
  host: string;
  replication: number;
  /** Kademlia bucket size (0 for Chord). */
  k: number;
}

/** A client operation on one key, started at the node it is sent to. */
export interface KeyOpRequest {
  kind: "put" | "get" | "delete";
  key: string;
  value?: string;
}

/** A core that can start the three client operations on one key. */
export interface KeyOpCore<Started> {
  put(key: string, value: string, now: number): Started;
  get(key: string, now: number): Started;
  delete(key: string, now: number): Started;
}

/** Starts `req` on `core`: the same dispatch for every overlay. */
export function startKeyOp<Started>(
  core: KeyOpCore<Started>,
  req: KeyOpRequest,
  now: number,
): Started {
  if (req.kind === "put") return core.put(req.key, req.value ?? "", now);
  return req.kind === "get" ? core.get(req.key, now) : core.delete(req.key, now);
}

export interface KeyOpResult {
  ok: boolean;
  /** Routing hops the node took (0 when it served the key itself). */
  hops: number;
  /** Address of the node that served the key. */
  node: string | null;
  /** For gets: the value, or null when the key is absent. */
  value?: string | null;
  /** Chord: the stamp of the write read (orders writes of one key; absent for Kademlia). */
  version?: number;
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

/** Ticks (ms) between maintenance rounds while a node is active. */
export const MAINTENANCE_MS = 1000;
/** A node stays active (keeps maintenance alarms) this long after its last routing change. */
export const ACTIVE_MS = 5000;
/**
 * Core request deadline. The shell reports a failed call at once, so deadlines only matter
 * for calls that never return; they must outlast any slow but live peer.
 */
export const RPC_TIMEOUT_MS = 60_000;

/** Raised by a node that does not exist (never created, left, or failed). */
export const NO_NODE = "no such ring node";

/**
 * What `keyOp` answers at an address with no live node (never created, left, or failed):
 * not served, so the caller tries another node. An answer rather than a thrown NO_NODE,
 * which the runtime would log as an uncaught exception on every such call.
 */
export const NO_NODE_RESULT: Readonly<KeyOpResult> = { ok: false, hops: 0, node: null };
