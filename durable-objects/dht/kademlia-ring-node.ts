/**
 * KADEMLIA_NODE: one Kademlia node (or virtual node) of a ring, a thin shell over the
 * pure `KademliaNode` (see `RingNodeBase` for storage, transport and alarms). Maintenance —
 * bucket refresh and republish — runs on the alarm only while the node is active. Records
 * are a store, not a cache: the shell sets their lifetime to a century, so an idle ring
 * (which republishes nothing) loses nothing; DELETE replaces them with a tombstone that
 * lives `TOMBSTONE_GRACE`.
 */
import { KademliaNode } from "../../shared/dht/kademlia/node";
import type {
  KadConfig,
  KadDone,
  KadEnvelope,
  KadRecord,
  KadRequest,
  KadResponse,
  KadState,
} from "../../shared/dht/kademlia/types";
import { TOMBSTONE_GRACE } from "../../shared/dht/write-stamp";
import { kadId, kadIdHex } from "../../shared/dht/xor-id";
import { Rng } from "../../shared/rng";
import {
  type KeyOpRequest,
  type KeyOpResult,
  MAINTENANCE_MS,
  NO_NODE_RESULT,
  type NodeSpec,
  type NodeStatus,
  RPC_TIMEOUT_MS,
  startKeyOp,
} from "./node-contract";
import { RingNodeBase } from "./ring-node-base";

const HOUR_MS = 3_600_000;
/** Record lifetime in the shell: long enough never to matter. */
const RECORD_LIFETIME_MS = 100 * 365 * 24 * HOUR_MS;

function kadConfig(spec: NodeSpec): KadConfig {
  return {
    k: spec.k,
    alpha: Math.min(3, spec.k),
    rpcTimeout: RPC_TIMEOUT_MS,
    maintenanceEvery: MAINTENANCE_MS,
    refreshAfter: HOUR_MS,
    republishEvery: HOUR_MS,
    expireAfter: RECORD_LIFETIME_MS,
    tombstoneGrace: TOMBSTONE_GRACE,
  };
}

export class KademliaRingNode extends RingNodeBase<
  KadRequest,
  KadResponse,
  KadState,
  KadDone,
  KadRecord,
  KademliaNode
> {
  protected createCore(spec: NodeSpec, state: KadState | undefined): KademliaNode {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0] as number;
    const self = { id: kadId(spec.addr), addr: spec.addr };
    return new KademliaNode(self, kadConfig(spec), this.records, new Rng(seed), state);
  }

  protected callPeer(env: KadEnvelope): Promise<KadEnvelope[] | null> {
    return this.env.KADEMLIA_NODE.getByName(env.to).deliver(env);
  }

  /** Creates this node and joins through `bootstrap`: a lookup of its own id, then refreshes. */
  async join(spec: NodeSpec, bootstrap: string): Promise<boolean> {
    if (this.core) return true;
    const self = { id: kadId(spec.addr), addr: spec.addr };
    const core = this.fresh(spec, { self, buckets: [] });
    const done = await this.runOp(core.join({ id: kadId(bootstrap), addr: bootstrap }, Date.now()));
    return done.ok;
  }

  /** A client operation on one key, started here. */
  async keyOp(req: KeyOpRequest): Promise<KeyOpResult> {
    if (!this.core) return { ...NO_NODE_RESULT };
    const done = await this.runOp(startKeyOp(this.core, req, Date.now()));
    return {
      ok: req.kind === "get" ? true : done.ok,
      hops: done.hops,
      node: done.node?.addr ?? done.closest?.[0]?.addr ?? null,
      ...(req.kind === "get" ? { value: done.value ?? null } : {}),
    };
  }

  /**
   * Leaving: every record held, tombstones included, is stored again on its k closest
   * nodes with the stamp of its write (so an old copy here cannot undo a newer write
   * elsewhere), then gone.
   */
  async leave(): Promise<void> {
    const core = this.live();
    const held = this.records.all();
    for (const record of held) await this.runOp(core.handOver(record, Date.now()));
    this.forget();
  }

  async status(): Promise<NodeStatus> {
    const core = this.live();
    const spec = this.spec as NodeSpec;
    const buckets = core.buckets.buckets;
    return {
      addr: spec.addr,
      host: spec.host,
      id: kadIdHex(core.self.id),
      predecessor: null,
      successors: [],
      routingEntries: core.buckets.size(),
      buckets: buckets.filter((b) => b.length > 0).length,
      keys: this.records.liveSize(),
      alarmSet: this.wake.alarmSet,
    };
  }
}
