/**
 * CHORD_NODE: one Chord node (or virtual node) of a ring, a thin shell over the pure
 * `ChordNode` (see `RingNodeBase` for storage, transport and alarms). Maintenance —
 * stabilize, check_predecessor, fix_fingers — runs on the alarm only while the node is
 * active, or at once when the ring directory asks after a membership change next to it.
 */
import { ChordNode } from "../../shared/dht/chord/node";
import type {
  ChordConfig,
  ChordDone,
  ChordEnvelope,
  ChordRecord,
  ChordRequest,
  ChordResponse,
  ChordState,
} from "../../shared/dht/chord/types";
import { SUCCESSOR_LIST_LENGTH } from "../../shared/dht/ring-config";
import { chordId, ringIdHex } from "../../shared/dht/ring-id";
import { TOMBSTONE_GRACE } from "../../shared/dht/write-stamp";
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

function chordConfig(spec: NodeSpec): ChordConfig {
  return {
    successorListLength: Math.max(SUCCESSOR_LIST_LENGTH, spec.replication - 1),
    replicas: spec.replication,
    maintenanceEvery: MAINTENANCE_MS,
    fingersPerRound: 8,
    rpcTimeout: RPC_TIMEOUT_MS,
    tombstoneGrace: TOMBSTONE_GRACE,
  };
}

export class ChordRingNode extends RingNodeBase<
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

  protected callPeer(env: ChordEnvelope): Promise<ChordEnvelope[] | null> {
    return this.env.CHORD_NODE.getByName(env.to).deliver(env);
  }

  /** Creates this node alone and joins the ring through `bootstrap`, then stabilizes once. */
  async join(spec: NodeSpec, bootstrap: string): Promise<boolean> {
    if (this.core) return true;
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
    // The first stabilize: the successor learns of us and hands over our keys.
    // (`this.core` is re-read: a failure may have removed the node meanwhile.)
    const current = this.core as ChordNode | null;
    if (done.ok && current) await this.driver.run(current.maintainNow(Date.now()));
    return done.ok;
  }

  /** A client operation on one key, started here. */
  async keyOp(req: KeyOpRequest): Promise<KeyOpResult> {
    if (!this.core) return { ...NO_NODE_RESULT };
    const done = await this.runOp(startKeyOp(this.core, req, Date.now()));
    const record = done.record ?? null;
    return {
      ok: done.ok,
      hops: done.hops,
      node: done.node?.addr ?? null,
      ...(req.kind === "get" ? { value: record?.value ?? null } : {}),
      ...(record ? { version: record.stamp } : {}),
    };
  }

  /** Graceful leave: hands every key to the successor, tells both neighbours, then is gone. */
  async leave(): Promise<void> {
    await this.driver.run(this.live().leave(Date.now()));
    this.forget();
  }

  async status(): Promise<NodeStatus> {
    const core = this.live();
    const spec = this.spec as NodeSpec;
    return {
      addr: spec.addr,
      host: spec.host,
      id: ringIdHex(core.self.id),
      predecessor: core.predecessor?.addr ?? null,
      successors: core.successors.map((s) => s.addr),
      routingEntries: core.fingers.filter((f) => f !== null).length,
      buckets: 0,
      keys: this.records.liveSize(),
      alarmSet: this.wake.alarmSet,
    };
  }
}
