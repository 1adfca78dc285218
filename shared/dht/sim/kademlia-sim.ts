/**
 * A Kademlia network in the simulator: built through joins or converged from the sorted
 * membership, with client operations run to completion and a brute-force answer (the k
 * live nodes truly closest to a key) to check lookups against.
 */
import type { Rng } from "../../rng";
import { idealBuckets, sortById } from "../kademlia/ideal";
import { KademliaNode } from "../kademlia/node";
import type { KadConfig, KadContact, KadDone, KadEnvelope } from "../kademlia/types";
import { eachRecord, MemoryKeyStore } from "../key-store";
import { kadId } from "../xor-id";
import type { LatencyModel, NetworkOptions } from "./network";
import { OverlaySim } from "./overlay-sim";

export class KademliaSim extends OverlaySim<KademliaNode, KadEnvelope, KadDone> {
  constructor(
    private readonly rng: Rng,
    readonly config: KadConfig,
    latency: LatencyModel = { min: 1, max: 10 },
    options: NetworkOptions = {},
  ) {
    super(rng.fork(), latency, options);
  }

  /** A network of `addrs` whose buckets are already full of correct contacts. */
  static converged(
    rng: Rng,
    config: KadConfig,
    addrs: string[],
    latency?: LatencyModel,
    options?: NetworkOptions,
  ): KademliaSim {
    const sim = new KademliaSim(rng, config, latency, options);
    const ring = sortById(addrs.map((addr) => ({ id: kadId(addr), addr })));
    for (const self of ring) {
      const state = { self, buckets: idealBuckets(ring, self, config.k, rng) };
      sim.install(new KademliaNode(self, config, new MemoryKeyStore(), rng.fork(), state));
    }
    return sim;
  }

  /** Adds the first node of a new network. */
  create(addr: string): KademliaNode {
    const node = this.newNode(addr);
    this.install(node);
    return node;
  }

  /** Adds `addr` and joins it through `via`. */
  join(addr: string, via: string): KadDone {
    const node = this.newNode(addr);
    this.installJoining(node);
    return this.complete(addr, node.join(this.node(via).self, this.net.now));
  }

  findNode(from: string, target: bigint): KadDone {
    return this.complete(from, this.node(from).findNode(target, this.net.now));
  }

  put(from: string, key: string, value: string | Uint8Array): KadDone {
    return this.complete(from, this.node(from).put(key, value, this.net.now));
  }

  get(from: string, key: string): KadDone {
    return this.complete(from, this.node(from).get(key, this.net.now));
  }

  delete(from: string, key: string): KadDone {
    return this.complete(from, this.node(from).delete(key, this.net.now));
  }

  /**
   * Graceful leave as the ring-node shell does it: every record held, tombstones included,
   * is stored again on its k closest nodes with its write's stamp, one after the other;
   * then the node is gone.
   */
  leave(addr: string): void {
    const node = this.node(addr);
    for (const record of eachRecord(node.store)) {
      this.complete(addr, node.handOver(record, this.net.now));
    }
    this.fail(addr);
  }

  /** The `count` live nodes closest to `target` by XOR, closest first. */
  closestLive(target: bigint, count: number): KadContact[] {
    return [...this.nodes.values()]
      .map((n) => n.self)
      .sort((a, b) => {
        const da = a.id ^ target;
        const db = b.id ^ target;
        return da < db ? -1 : da > db ? 1 : 0;
      })
      .slice(0, count);
  }

  private newNode(addr: string): KademliaNode {
    return new KademliaNode(
      { id: kadId(addr), addr },
      this.config,
      new MemoryKeyStore(),
      this.rng.fork(),
    );
  }
}
