/**
 * A Chord ring in the simulator: builds rings (through the protocol, or converged from the
 * sorted membership), runs client operations to completion, crashes and removes nodes, and
 * answers what the ideal ring would say, for checking.
 */
import type { Rng } from "../../rng";
import { idealState, sortRing, successorIndex } from "../chord/ideal";
import { ChordNode } from "../chord/node";
import type { ChordConfig, ChordDone, ChordEnvelope, ChordRecord, ChordRef } from "../chord/types";
import { MemoryKeyStore } from "../key-store";
import { chordId } from "../ring-id";
import type { LatencyModel, NetworkOptions } from "./network";
import { OverlaySim } from "./overlay-sim";

export class ChordSim extends OverlaySim<ChordNode, ChordEnvelope, ChordDone> {
  constructor(
    rng: Rng,
    readonly config: ChordConfig,
    latency: LatencyModel = { min: 1, max: 10 },
    options: NetworkOptions = {},
  ) {
    super(rng, latency, options);
  }

  /** A ring of `addrs` whose routing state is already converged; no messages needed. */
  static converged(
    rng: Rng,
    config: ChordConfig,
    addrs: string[],
    latency?: LatencyModel,
    options?: NetworkOptions,
  ): ChordSim {
    const sim = new ChordSim(rng, config, latency, options);
    const ring = sortRing(addrs.map((addr) => ({ id: chordId(addr), addr })));
    ring.forEach((self, index) => {
      const state = idealState(ring, index, config.successorListLength);
      sim.install(new ChordNode(self, config, new MemoryKeyStore<ChordRecord>(), state));
    });
    return sim;
  }

  /** Starts a new ring with one node. */
  create(addr: string): ChordNode {
    const node = new ChordNode({ id: chordId(addr), addr }, this.config, new MemoryKeyStore());
    this.install(node);
    return node;
  }

  /** Adds `addr` and joins it through `via`; returns the finished join. */
  join(addr: string, via: string): ChordDone {
    const node = new ChordNode({ id: chordId(addr), addr }, this.config, new MemoryKeyStore());
    this.installJoining(node);
    const bootstrap = this.node(via).self;
    return this.complete(addr, node.join(bootstrap, this.net.now));
  }

  /** Graceful leave with key hand-off. */
  leave(addr: string): void {
    const node = this.node(addr);
    this.net.apply(addr, node.leave(this.net.now));
    this.nodes.delete(addr);
    this.net.remove(addr);
  }

  lookup(from: string, target: bigint): ChordDone {
    return this.complete(from, this.node(from).lookup(target, this.net.now));
  }

  put(from: string, key: string, value: string | Uint8Array): ChordDone {
    return this.complete(from, this.node(from).put(key, value, this.net.now));
  }

  get(from: string, key: string): ChordDone {
    return this.complete(from, this.node(from).get(key, this.net.now));
  }

  delete(from: string, key: string): ChordDone {
    return this.complete(from, this.node(from).delete(key, this.net.now));
  }

  /** The live membership sorted by identifier. */
  ring(): ChordRef[] {
    return sortRing([...this.nodes.values()].map((n) => n.self));
  }

  /** The `count` live nodes that should hold `key`: its owner and the successors after it. */
  replicaSet(key: string, count: number): ChordRef[] {
    const ring = this.ring();
    const at = successorIndex(ring, chordId(key));
    const n = Math.min(count, ring.length);
    return Array.from({ length: n }, (_, i) => ring[(at + i) % ring.length] as ChordRef);
  }

  /** The true successor of `id` among the live nodes. */
  owner(id: bigint, ring: readonly ChordRef[] = this.ring()): ChordRef {
    return ring[successorIndex(ring, id)] as ChordRef;
  }
}
