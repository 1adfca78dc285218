/**
 * RING_DIRECTORY: the membership and metadata of one DHT ring (one object per ring name),
 * kept in SQLite-backed KV storage as a `RingRecord`. Membership changes are serialized;
 * each is planned by the pure `planJoin` / `planRemoval` (what changes, or why it is
 * refused) and carried out one virtual node at a time, each followed by its repair: the
 * directory runs a maintenance round at once on the nodes `repairOrder` names, one after
 * the other, so the ring and its copies are repaired before the call returns and the nodes
 * keep repairing on their alarms only while something changes. Every RPC answers an
 * `RpcResult`.
 */
import { DurableObject } from "cloudflare:workers";
import { chordStates, kademliaStates } from "../../shared/dht/initial-routing";
import type { MembershipSnapshot } from "../../shared/dht/membership-view";
import { DEFAULT_RING, type RingSpec } from "../../shared/dht/ring-config";
import {
  liveMembers,
  newRingRecord,
  nodeSpecOf,
  noRing,
  planJoin,
  planRemoval,
  type RingChange,
  type RingRecord,
  snapshotOf,
} from "../../shared/dht/ring-membership";
import { repairOrder } from "../../shared/dht/ring-repair";
import { Rng } from "../../shared/rng";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { type NodeStatus, ringNodeStub } from "./node-contract";

/** A ring's record with every live node's view of itself. */
export interface RingReport {
  ring: RingRecord;
  nodes: NodeStatus[];
}

/** What a join or removal answers: the host and the ring's version after the change. */
export interface MembershipChanged {
  host: string;
  version: number;
}

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
  async create(spec: RingSpec): Promise<RpcResult<RingRecord>> {
    return this.serialized(async () => {
      if (this.record) return rpcFail("conflict", `ring "${spec.name}" exists`);
      return rpcOk(await this.build(spec));
    });
  }

  /** The ring's record; the default ring is created on first use. */
  async info(name: string): Promise<RpcResult<RingRecord>> {
    if (this.record) return rpcOk(this.record);
    if (name !== DEFAULT_RING.name) return noRing(name);
    return this.serialized(async () => rpcOk(this.record ?? (await this.build(DEFAULT_RING))));
  }

  /** The live members with their identifiers, for the gateway's one-hop cache. */
  async view(name: string): Promise<RpcResult<MembershipSnapshot>> {
    const info = await this.info(name);
    return info.ok ? rpcOk(snapshotOf(info.value)) : info;
  }

  /** Every live node's own view of itself. */
  async status(name: string): Promise<RpcResult<RingReport>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    const ring = info.value;
    const members = liveMembers(ring);
    const answers = await Promise.all(members.map((m) => this.node(ring, m.addr).status()));
    const nodes: NodeStatus[] = [];
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) {
        const addr = members[i]?.addr;
        return rpcFail("internal", `live member "${addr}" answered: ${answer.problem.detail}`);
      }
      nodes.push(answer.value);
    }
    return rpcOk({ ring, nodes });
  }

  /**
   * Adds one host (all its virtual nodes), joining through a live node. The change is
   * committed before the nodes join: a node whose join finds no successor (its bootstrap
   * failed meanwhile) stays a member, alone on its own ring.
   */
  async join(name: string): Promise<RpcResult<MembershipChanged>> {
    return this.change(name, async (ring) => {
      const plan = planJoin(ring);
      if (!plan.ok) return plan;
      const change = plan.value;
      this.save(change.record);
      for (const [index, member] of change.members.entries()) {
        const spec = nodeSpecOf(change.record, member);
        await this.node(change.record, member.addr).join(spec, change.bootstrap.addr);
        await this.repair(change, index);
      }
      return plan;
    });
  }

  /**
   * Removes a live host: a graceful leave with hand-off, or a failure that loses its
   * storage. A node already gone is as good as removed.
   */
  async remove(
    name: string,
    host: string,
    mode: "leave" | "fail",
  ): Promise<RpcResult<MembershipChanged>> {
    return this.change(name, async (ring) => {
      const plan = planRemoval(ring, host, mode);
      if (!plan.ok) return plan;
      const change = plan.value;
      for (const [index, member] of change.members.entries()) {
        const node = this.node(ring, member.addr);
        await (mode === "leave" ? node.leave() : node.fail());
        await this.repair(change, index);
      }
      this.save(change.record);
      return plan;
    });
  }

  /** Dev-only: aborts this object, as an eviction would; it reloads the ring on its next call. */
  async crash(): Promise<void> {
    this.ctx.abort("fault injection: crash");
  }

  /** Runs one membership change of an existing ring, serialized. */
  private async change(
    name: string,
    perform: (ring: RingRecord) => Promise<RpcResult<RingChange>>,
  ): Promise<RpcResult<MembershipChanged>> {
    const info = await this.info(name);
    if (!info.ok) return info;
    return this.serialized(async () => {
      const done = await perform(this.record ?? info.value);
      if (!done.ok) return done;
      return rpcOk({ host: done.value.host, version: done.value.record.version });
    });
  }

  /**
   * The maintenance rounds `repairOrder` plans after member `index` of `change` joined or
   * went, one at a time; a node that does not answer is skipped.
   */
  private async repair(change: RingChange, index: number): Promise<void> {
    for (const target of repairOrder(change, index)) {
      await this.node(change.record, target.addr)
        .maintain()
        .catch(() => undefined);
    }
  }

  private async build(spec: RingSpec): Promise<RingRecord> {
    const record = newRingRecord(spec);
    const members = liveMembers(record);
    const seed = crypto.getRandomValues(new Uint32Array(1))[0] as number;
    const states =
      spec.overlay === "chord"
        ? chordStates(members, spec.replication)
        : kademliaStates(members, record.k, new Rng(seed));
    await Promise.all(
      members.map((m) => {
        const nodeSpec = nodeSpecOf(record, m);
        const state = states.get(m.addr);
        return ringNodeStub(this.env, spec.overlay, m.addr).init(nodeSpec, state as never);
      }),
    );
    this.save(record);
    return record;
  }

  private node(ring: RingRecord, addr: string) {
    return ringNodeStub(this.env, ring.spec.overlay, addr);
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
