/**
 * RING_DIRECTORY: the membership and metadata of one DHT ring (one object per ring name):
 * overlay, replication, virtual nodes, the hosts ever added with their state, and a
 * version that grows with every join, leave and failure — the version of the one-hop view
 * the gateway caches. Kept in SQLite-backed KV storage. Membership changes are serialized;
 * after each, the directory runs a maintenance round at once on the changed node's
 * neighbours (Chord: its successor, then its predecessor, then the successor again;
 * Kademlia: the nodes that can share keys with it), so the ring is repaired before the
 * call returns and the nodes keep repairing on their alarms only while something changes.
 */
import { DurableObject } from "cloudflare:workers";
import { chordStates, kademliaStates, ringBucketSize } from "../../shared/dht/initial-routing";
import {
  type MembershipSnapshot,
  MembershipView,
  memberIdHex,
} from "../../shared/dht/membership-view";
import {
  DEFAULT_RING,
  hostId,
  MAX_RING_HOSTS,
  memberId,
  membersOf,
  type RingMember,
  type RingSpec,
} from "../../shared/dht/ring-config";
import { Rng } from "../../shared/rng";
import type { NodeSpec, NodeStatus } from "./node-contract";

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

/** A ring's record with every live node's view of itself. */
export interface RingReport {
  ring: RingRecord;
  nodes: NodeStatus[];
}

export type DirectoryOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "not-found" | "conflict"; detail: string };

export class RingDirectory extends DurableObject<Env> {
  private record: RingRecord | null = null;
  /** Membership changes run one at a time, in arrival order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.record = ctx.storage.kv.get<RingRecord>("ring") ?? null;
    });
  }

  /** Creates the ring and all its nodes; a conflict if it exists. */
  async create(spec: RingSpec): Promise<DirectoryOutcome<RingRecord>> {
    return this.serialized(async () => {
      if (this.record) {
        return { ok: false, reason: "conflict", detail: `ring "${spec.name}" exists` };
      }
      return { ok: true, value: await this.build(spec) };
    });
  }

  /** The ring's record; the default ring is created on first use. */
  async info(name: string): Promise<DirectoryOutcome<RingRecord>> {
    if (this.record) return { ok: true, value: this.record };
    if (name !== DEFAULT_RING.name) return noRing(name);
    return this.serialized(async () => ({
      ok: true,
      value: this.record ?? (await this.build(DEFAULT_RING)),
    }));
  }

  /** The live members with their identifiers, for the gateway's one-hop cache. */
  async view(name: string): Promise<DirectoryOutcome<MembershipSnapshot>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    return { ok: true, value: snapshotOf(info.value) };
  }

  /** Every live node's own view of itself. */
  async status(name: string): Promise<DirectoryOutcome<RingReport>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    const ring = info.value;
    const nodes = await Promise.all(liveMembers(ring).map((m) => this.node(ring, m.addr).status()));
    return { ok: true, value: { ring, nodes } };
  }

  /** Adds one host (all its virtual nodes), joining through a live node. */
  async join(name: string): Promise<DirectoryOutcome<{ host: string; version: number }>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    return this.serialized(async () => {
      const ring = this.record as RingRecord;
      if (ring.hosts.length >= MAX_RING_HOSTS) {
        return {
          ok: false,
          reason: "conflict",
          detail: `ring "${name}" has had ${MAX_RING_HOSTS} hosts, the most it may`,
        };
      }
      const bootstrap = liveMembers(ring)[0] as RingMember;
      const host = hostId(ring.hosts.length);
      const joining = membersOf(ring.spec.name, host, ring.spec.virtualNodes);
      ring.hosts.push({ id: host, state: "live" });
      ring.version++;
      this.save(ring);
      for (const member of joining) {
        await this.node(ring, member.addr).join(this.nodeSpec(ring, member), bootstrap.addr);
      }
      await this.repairAround(ring, joining);
      return { ok: true, value: { host, version: ring.version } };
    });
  }

  /** Removes a live host: a graceful leave with hand-off, or a failure that loses its storage. */
  async remove(
    name: string,
    host: string,
    mode: "leave" | "fail",
  ): Promise<DirectoryOutcome<{ host: string; version: number }>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    return this.serialized(async () => {
      const ring = this.record as RingRecord;
      const entry = ring.hosts.find((h) => h.id === host);
      if (!entry || entry.state !== "live") {
        return {
          ok: false,
          reason: "not-found",
          detail: `no live node "${host}" in ring "${name}"`,
        };
      }
      if (ring.hosts.filter((h) => h.state === "live").length === 1) {
        return {
          ok: false,
          reason: "conflict",
          detail: `"${host}" is the last node of ring "${name}"`,
        };
      }
      const leaving = membersOf(ring.spec.name, host, ring.spec.virtualNodes);
      const before = liveMembers(ring);
      for (const member of leaving) {
        const node = this.node(ring, member.addr);
        await (mode === "leave" ? node.leave() : node.fail());
      }
      entry.state = mode === "leave" ? "left" : "failed";
      ring.version++;
      this.save(ring);
      await this.repairAround(ring, leaving, before);
      return { ok: true, value: { host, version: ring.version } };
    });
  }

  /**
   * Runs maintenance on the nodes next to `changed` (in the membership `around`), so the
   * ring and its copies are repaired before the call returns, whether or not those nodes
   * were active. Chord: the successor, then the predecessors whose replica sets hold a
   * changed node (the `replication − 1` nearest, at least one), nearest first so each
   * learns the successor list its successor has just repaired, then the successor again.
   * Kademlia: every node that can share a key's k closest with a changed node (their
   * maintenance pings their fellow holders).
   */
  private async repairAround(
    ring: RingRecord,
    changed: RingMember[],
    around: RingMember[] = liveMembers(ring),
  ): Promise<void> {
    const view = new MembershipView(snapshotOf(ring, around));
    const gone = new Set(changed.map((m) => m.addr));
    const live = (m: RingMember | undefined) => (m && !gone.has(m.addr) ? m : undefined);
    for (const member of changed) {
      let order: RingMember[];
      if (ring.spec.overlay === "chord") {
        const successor = view.neighbours(member.addr)?.successor;
        const behind = view.predecessors(member.addr, Math.max(1, ring.spec.replication - 1));
        order = [successor, ...behind, successor].flatMap((m) => live(m) ?? []);
      } else {
        order = view.sharingKeysWith(member.addr, ring.k).filter((m) => live(m) !== undefined);
      }
      for (const target of order) {
        await this.node(ring, target.addr)
          .maintain()
          .catch(() => undefined);
      }
    }
  }

  private async build(spec: RingSpec): Promise<RingRecord> {
    const k = spec.overlay === "kademlia" ? ringBucketSize(spec.nodes, spec.replication) : 0;
    const record: RingRecord = {
      spec,
      k,
      version: 1,
      hosts: Array.from({ length: spec.nodes }, (_, i) => ({ id: hostId(i), state: "live" })),
    };
    const members = liveMembers(record);
    const seed = crypto.getRandomValues(new Uint32Array(1))[0] as number;
    const states =
      spec.overlay === "chord"
        ? chordStates(members, spec.replication)
        : kademliaStates(members, k, new Rng(seed));
    await Promise.all(
      members.map((m) => {
        const nodeSpec = this.nodeSpec(record, m);
        const state = states.get(m.addr);
        return spec.overlay === "chord"
          ? this.env.CHORD_NODE.getByName(m.addr).init(nodeSpec, state as never)
          : this.env.KADEMLIA_NODE.getByName(m.addr).init(nodeSpec, state as never);
      }),
    );
    this.save(record);
    return record;
  }

  private node(ring: RingRecord, addr: string) {
    return ring.spec.overlay === "chord"
      ? this.env.CHORD_NODE.getByName(addr)
      : this.env.KADEMLIA_NODE.getByName(addr);
  }

  private nodeSpec(ring: RingRecord, member: RingMember): NodeSpec {
    return {
      ring: ring.spec.name,
      overlay: ring.spec.overlay,
      addr: member.addr,
      host: member.host,
      replication: ring.spec.replication,
      k: ring.k,
    };
  }

  private save(record: RingRecord): void {
    this.record = record;
    this.ctx.storage.kv.put("ring", record);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function noRing(name: string): DirectoryOutcome<never> {
  return { ok: false, reason: "not-found", detail: `no ring "${name}"` };
}

/** Every virtual node of every live host. */
export function liveMembers(ring: RingRecord): RingMember[] {
  return ring.hosts
    .filter((h) => h.state === "live")
    .flatMap((h) => membersOf(ring.spec.name, h.id, ring.spec.virtualNodes));
}

function snapshotOf(ring: RingRecord, members = liveMembers(ring)): MembershipSnapshot {
  const overlay = ring.spec.overlay;
  return {
    ring: ring.spec.name,
    overlay,
    version: ring.version,
    members: members.map((m) => ({ ...m, id: memberIdHex(overlay, memberId(overlay, m.addr)) })),
  };
}
