/**
 * What defines a DHT ring as a user creates it, its bounds, and how its nodes are named.
 * Node `h` (a host, e.g. `n7`) of ring `r` runs one Durable Object per virtual node,
 * named `r/h` (one virtual node) or `r/h#i` (several); the name is also the node's
 * address in the overlay and what its identifier is hashed from.
 */
import { chordId, virtualNodeName } from "./ring-id";
import { kadId } from "./xor-id";

/** Ring names: lower-case letters, digits and dashes, 1–63 characters. */
export const RING_NAME_PATTERN = /^[a-z0-9-]{1,63}$/;
/** Node (host) ids as the API names them. */
export const NODE_ID_PATTERN = /^n[0-9]{1,6}$/;
/** Most hosts a ring may have, live or gone (each id is used once). */
export const MAX_RING_HOSTS = 256;
/** Most live hosts a ring may be created with. */
export const MAX_RING_NODES = 128;
/** Most virtual nodes per host. */
export const MAX_VIRTUAL_NODES = 8;
/** Most copies of a key. */
export const MAX_REPLICATION = 5;
/** Chord successor-list length used by ring nodes (at least `replication − 1`). */
export const SUCCESSOR_LIST_LENGTH = 8;

export type Overlay = "chord" | "kademlia";

export interface RingSpec {
  name: string;
  overlay: Overlay;
  nodes: number;
  /** Copies of each key (Chord: owner + r − 1 successors; Kademlia: at least k = r). */
  replication: number;
  virtualNodes: number;
}

/** The ring every deployment has without creating it. */
export const DEFAULT_RING: RingSpec = {
  name: "default",
  overlay: "chord",
  nodes: 16,
  replication: 3,
  virtualNodes: 1,
};

/** One virtual node: its Durable Object name (the overlay address) and the host it belongs to. */
export interface RingMember {
  addr: string;
  host: string;
}

/** The id of the `index`-th host ever added to a ring. */
export function hostId(index: number): string {
  return `n${index}`;
}

/** The virtual nodes of `host` in `ring`. */
export function membersOf(ring: string, host: string, virtualNodes: number): RingMember[] {
  const base = `${ring}/${host}`;
  if (virtualNodes <= 1) return [{ addr: base, host }];
  return Array.from({ length: virtualNodes }, (_, i) => ({
    addr: virtualNodeName(base, i),
    host,
  }));
}

/** The overlay identifier of a member address. */
export function memberId(overlay: Overlay, addr: string): bigint {
  return overlay === "chord" ? chordId(addr) : kadId(addr);
}
