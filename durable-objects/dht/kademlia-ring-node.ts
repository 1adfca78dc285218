/**
 * KADEMLIA_NODE: one Kademlia node (or virtual node) of a ring, a thin shell over the
 * pure `KademliaNode` (see `RingNodeBase` for storage, transport and alarms,
 * `ChunkRingNode` for chunks). Maintenance — bucket refresh and republish — runs on the
 * alarm only while the node is active. Records are a store, not a cache (see
 * `kadConfig`); DELETE replaces them with a tombstone that lives `TOMBSTONE_GRACE`.
 */
import { KademliaNode } from "../../shared/dht/kademlia/node";
import type {
  KadDone,
  KadEnvelope,
  KadRecord,
  KadRequest,
  KadResponse,
  KadState,
} from "../../shared/dht/kademlia/types";
import { eachRecord } from "../../shared/dht/key-store";
import { kadConfig, type NodeSpec } from "../../shared/dht/node-config";
import { kadId, kadIdHex } from "../../shared/dht/xor-id";
import { Rng } from "../../shared/rng";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { ChunkRingNode } from "./chunk-ring-node";
import { type CoreKeyOp, noNode, notServed, type ServedKeyOp, startKeyOp } from "./node-contract";
import type { RoutingStatus } from "./ring-node-base";

export class KademliaRingNode extends ChunkRingNode<
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

  protected callPeer(env: KadEnvelope): Promise<RpcResult<KadEnvelope[]>> {
    return this.env.KADEMLIA_NODE.getByName(env.to).deliver(env);
  }

  /** Creates this node and joins through `bootstrap`: a lookup of its own id, then refreshes. */
  async join(spec: NodeSpec, bootstrap: string): Promise<RpcResult<null>> {
    if (this.core) return rpcOk(null);
    const self = { id: kadId(spec.addr), addr: spec.addr };
    const core = this.fresh(spec, { self, buckets: [] });
    const done = await this.runOp(core.join({ id: kadId(bootstrap), addr: bootstrap }, Date.now()));
    if (done.ok) return rpcOk(null);
    return rpcFail("unavailable", `"${spec.addr}" could not join through "${bootstrap}"`);
  }

  /**
   * A client operation on one key (a user's or a chunk's), started here (a get is served
   * even when it finds nothing).
   */
  protected async serveKeyOp(req: CoreKeyOp): Promise<RpcResult<ServedKeyOp>> {
    if (!this.core) return noNode();
    const done = await this.runOp(startKeyOp(this.core, req, Date.now()));
    if (req.kind !== "get" && !done.ok) return notServed(req);
    return rpcOk({
      hops: done.hops,
      node: done.node?.addr ?? done.closest?.[0]?.addr ?? null,
      ...(req.kind === "get" ? { value: done.value ?? null } : {}),
      ...(done.present ? { present: true } : {}),
    });
  }

  /**
   * Leaving: every record held, tombstones included, is stored again on its k closest
   * nodes with the stamp of its write (so an old copy here cannot undo a newer write
   * elsewhere), then gone.
   */
  async leave(): Promise<RpcResult<null>> {
    const core = this.core;
    if (!core) return noNode();
    // One record at a time, its value loaded only when it is handed over.
    for (const record of eachRecord(this.records)) {
      await this.runOp(core.handOver(record, Date.now()));
    }
    this.forget();
    return rpcOk(null);
  }

  protected routingStatus(core: KademliaNode): RoutingStatus {
    return {
      id: kadIdHex(core.self.id),
      predecessor: null,
      successors: [],
      routingEntries: core.buckets.size(),
      buckets: core.buckets.buckets.filter((b) => b.length > 0).length,
    };
  }
}
