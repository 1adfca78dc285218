/**
 * CHORD_NODE: one Chord node (or virtual node) of a ring, a thin shell over the pure
 * `ChordNode` (see `RingNodeBase` for storage, transport and alarms, `ChunkRingNode` for
 * chunks). Maintenance — stabilize, check_predecessor, fix_fingers — runs on the alarm
 * only while the node is active, or at once when the ring directory asks after a
 * membership change next to it.
 */
import { ChordNode } from "../../shared/dht/chord/node";
import type {
  ChordDone,
  ChordEnvelope,
  ChordRecord,
  ChordRequest,
  ChordResponse,
  ChordState,
} from "../../shared/dht/chord/types";
import { chordConfig, type NodeSpec } from "../../shared/dht/node-config";
import { chordId, ringIdHex } from "../../shared/dht/ring-id";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { ChunkRingNode } from "./chunk-ring-node";
import { type CoreKeyOp, noNode, notServed, type ServedKeyOp, startKeyOp } from "./node-contract";
import type { RoutingStatus } from "./ring-node-base";

export class ChordRingNode extends ChunkRingNode<
  ChordRequest,
  ChordResponse,
  ChordState,
  ChordDone,
  ChordRecord,
  ChordNode
> {
  protected createCore(spec: NodeSpec, state: ChordState | undefined): ChordNode {
    const self = { id: chordId(spec.addr), addr: spec.addr };
    return new ChordNode(self, chordConfig(spec), this.records, state);
  }

  protected callPeer(env: ChordEnvelope): Promise<RpcResult<ChordEnvelope[]>> {
    return this.env.CHORD_NODE.getByName(env.to).deliver(env);
  }

  /**
   * Creates this node alone and joins the ring through `bootstrap` (its successor found).
   * The directory then runs its first stabilize, in which the successor hands over its keys.
   */
  async join(spec: NodeSpec, bootstrap: string): Promise<RpcResult<null>> {
    if (this.core) return rpcOk(null);
    const self = { id: chordId(spec.addr), addr: spec.addr };
    const core = this.fresh(spec, {
      self,
      predecessor: null,
      successors: [self],
      fingers: [],
      nextFinger: 0,
    });
    const done = await this.runOp(
      core.join({ id: chordId(bootstrap), addr: bootstrap }, Date.now()),
    );
    if (done.ok) return rpcOk(null);
    return rpcFail("unavailable", `"${spec.addr}" found no successor through "${bootstrap}"`);
  }

  /** A client operation on one key (a user's or a chunk's), started here. */
  protected async serveKeyOp(req: CoreKeyOp): Promise<RpcResult<ServedKeyOp>> {
    if (!this.core) return noNode();
    const done = await this.runOp(startKeyOp(this.core, req, Date.now()));
    if (!done.ok) return notServed(req);
    const record = done.record ?? null;
    return rpcOk({
      hops: done.hops,
      node: done.node?.addr ?? null,
      ...(req.kind === "get" ? { value: record?.value ?? null } : {}),
      ...(record ? { version: record.stamp } : {}),
      ...(done.present ? { present: true } : {}),
    });
  }

  /** Graceful leave: hands every key to the successor, tells both neighbours, then is gone. */
  async leave(): Promise<RpcResult<null>> {
    if (!this.core) return noNode();
    await this.driver.run(this.core.leave(Date.now()));
    this.forget();
    return rpcOk(null);
  }

  protected routingStatus(core: ChordNode): RoutingStatus {
    return {
      id: ringIdHex(core.self.id),
      predecessor: core.predecessor?.addr ?? null,
      successors: core.successors.map((s) => s.addr),
      routingEntries: core.fingers.filter((f) => f !== null).length,
      buckets: 0,
    };
  }
}
