/**
 * A ring's membership as its directory keeps it, and the membership changes as pure
 * decisions: the hosts ever added with their state, the version the gateway's one-hop view
 * carries, and what a join or a removal does to them — or why it is refused. A change is
 * planned here (the record it leads to, the members it touches, the membership before it);
 * the host performs the node calls, one member at a time with its repair (`ring-repair`),
 * and commits the record. The Durable Object
 * directory and the simulator's directory run these same functions.
 */
import { type RpcFailure, type RpcResult, rpcFail, rpcOk } from "../rpc-result";
import { ringBucketSize } from "./initial-routing";
import { type MembershipSnapshot, memberIdHex } from "./membership-view";
import type { NodeSpec } from "./node-config";
import {
  hostId,
  MAX_RING_HOSTS,
  memberId,
  membersOf,
  type RingMember,
  type RingSpec,
} from "./ring-config";

/** A host's place in the ring: it only ever goes from live to left or failed. */
export type HostState = "live" | "left" | "failed";

/** The directory's durable record of a ring. */
export interface RingRecord {
  spec: RingSpec;
  /** Kademlia bucket size (0 for Chord). */
  k: number;
  /** Grows with every membership change. */
  version: number;
  /** Every host ever added, in order; ids are never reused. */
  hosts: { id: string; state: HostState }[];
}

/** A planned membership change of one host (all its virtual nodes). */
export interface RingChange {
  kind: "join" | "leave" | "fail";
  /** The ring's record once the change is made (version grown by one). */
  record: RingRecord;
  host: string;
  /** The virtual nodes of `host` that join or go, one after the other, in this order. */
  members: RingMember[];
  /** The live membership before the change. */
  before: RingMember[];
}

/** A planned join: the new host's nodes join through `bootstrap`, a live node. */
export interface JoinPlan extends RingChange {
  kind: "join";
  bootstrap: RingMember;
}

/** A planned removal: a graceful leave with hand-off, or a failure that loses storage. */
export interface RemovalPlan extends RingChange {
  kind: "leave" | "fail";
}

/** The record of a ring just created from `spec`: every host live, version 1. */
export function newRingRecord(spec: RingSpec): RingRecord {
  return {
    spec,
    k: spec.overlay === "kademlia" ? ringBucketSize(spec.nodes, spec.replication) : 0,
    version: 1,
    hosts: Array.from({ length: spec.nodes }, (_, i) => ({ id: hostId(i), state: "live" })),
  };
}

/** Every virtual node of every live host. */
export function liveMembers(ring: RingRecord): RingMember[] {
  return ring.hosts
    .filter((h) => h.state === "live")
    .flatMap((h) => membersOf(ring.spec.name, h.id, ring.spec.virtualNodes));
}

/** The versioned view of `members` (the live ones unless given) the gateway caches. */
export function snapshotOf(
  ring: RingRecord,
  members: RingMember[] = liveMembers(ring),
): MembershipSnapshot {
  const overlay = ring.spec.overlay;
  return {
    ring: ring.spec.name,
    overlay,
    version: ring.version,
    replication: ring.spec.replication,
    k: ring.k,
    members: members.map((m) => ({ ...m, id: memberIdHex(overlay, memberId(overlay, m.addr)) })),
  };
}

/** Who `member` is, as its node keeps it. */
export function nodeSpecOf(ring: RingRecord, member: RingMember): NodeSpec {
  return {
    ring: ring.spec.name,
    overlay: ring.spec.overlay,
    addr: member.addr,
    host: member.host,
    replication: ring.spec.replication,
    k: ring.k,
  };
}

/** The problem of a ring that does not exist. */
export function noRing(name: string): RpcFailure {
  return rpcFail("not-found", `no ring "${name}"`);
}

/** Adds the next host, joining through the first live node; refused once the ids run out. */
export function planJoin(ring: RingRecord): RpcResult<JoinPlan> {
  const name = ring.spec.name;
  if (ring.hosts.length >= MAX_RING_HOSTS) {
    return rpcFail("conflict", `ring "${name}" has had ${MAX_RING_HOSTS} hosts, the most it may`);
  }
  const bootstrap = liveMembers(ring)[0];
  if (bootstrap === undefined) return rpcFail("conflict", `ring "${name}" has no live node`);
  const host = hostId(ring.hosts.length);
  const record: RingRecord = {
    ...ring,
    version: ring.version + 1,
    hosts: [...ring.hosts, { id: host, state: "live" }],
  };
  const members = membersOf(name, host, ring.spec.virtualNodes);
  return rpcOk({ kind: "join", record, host, members, before: liveMembers(ring), bootstrap });
}

/** Removes live `host`; refused for a host that is not live, and for the last one. */
export function planRemoval(
  ring: RingRecord,
  host: string,
  mode: "leave" | "fail",
): RpcResult<RemovalPlan> {
  const name = ring.spec.name;
  const entry = ring.hosts.find((h) => h.id === host);
  if (!entry || entry.state !== "live") {
    return rpcFail("not-found", `no live node "${host}" in ring "${name}"`);
  }
  if (ring.hosts.filter((h) => h.state === "live").length === 1) {
    return rpcFail("conflict", `"${host}" is the last node of ring "${name}"`);
  }
  const state: HostState = mode === "leave" ? "left" : "failed";
  const record: RingRecord = {
    ...ring,
    version: ring.version + 1,
    hosts: ring.hosts.map((h) => (h.id === host ? { id: host, state } : h)),
  };
  const members = membersOf(name, host, ring.spec.virtualNodes);
  return rpcOk({ kind: mode, record, host, members, before: liveMembers(ring) });
}
