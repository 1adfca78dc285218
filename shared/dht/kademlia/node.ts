/**
 * A Kademlia node as a pure actor: requests, responses and ticks in (with the current
 * tick), a `KadReady` out — routing state to persist when it changed, envelopes to send,
 * finished client operations and the next tick it wants. Records go through the injected
 * synchronous `KeyStore`; randomness (bucket-refresh targets) comes from the injected `Rng`.
 *
 * Every message heard files its sender in a k-bucket (pinging the least-recently seen entry
 * of a full bucket before evicting it). A put stores on the k closest nodes a lookup finds;
 * a delete stores a tombstone there the same way (see ../write-stamp); a get stops at the
 * first node holding the key, and a tombstone found reads as absent. A STORE of an older
 * write is answered with the newer one, which the sender takes in place of its own copy
 * (and stops republishing its write) — so a holder that missed a delete learns it at its
 * next republish or replica push. Whenever the routing table gains or
 * loses a contact, records go to the holders that change made (see `KadReplicas`).
 * Maintenance rounds drop expired records, re-STORE records nobody re-stored for an
 * interval (the remaining ttl travels, so copies never outlive the original publication),
 * republish this node's own writes with a fresh ttl, refresh buckets no lookup passed
 * through for a while, and ping the fellow holders of this node's records, so that a
 * failed one is noticed and its copies restored.
 *
 * This class is the entry point; its parts live beside it: the shared state and outbox
 * (`./context`), the request-serving side (`./serve`), storing and replica pushes
 * (`./storing`), the maintenance round (`./maintenance`) and the client operations
 * (`./client`).
 */
import type { Rng } from "../../rng";
import type { KeyStore } from "../key-store";
import type { KBuckets } from "./buckets";
import { startDelete, startFindNode, startGet, startHandOver, startJoin, startPut } from "./client";
import { KadContext } from "./context";
import { maintain } from "./maintenance";
import { serve } from "./serve";
import { replicate } from "./storing";
import type { KadConfig, KadContact, KadEnvelope, KadReady, KadRecord, KadState } from "./types";

export class KademliaNode {
  private readonly ctx: KadContext;
  /** The number the next client operation gets; operation numbers are never reused. */
  private nextOp = 1;

  constructor(
    readonly self: KadContact,
    private readonly config: KadConfig,
    readonly store: KeyStore<KadRecord>,
    rng: Rng,
    state?: KadState,
  ) {
    this.ctx = new KadContext(self, config, store, rng, state);
  }

  get buckets(): KBuckets {
    return this.ctx.table;
  }

  state(): KadState {
    return this.ctx.state();
  }

  handle(env: KadEnvelope, now: number): KadReady {
    const ctx = this.ctx;
    ctx.advance(now);
    if (env.type === "response") {
      ctx.rpc.resolve(env);
      return this.ready();
    }
    const body = serve(ctx, env.body);
    ctx.emit({ type: "response", from: this.self.addr, to: env.from, corr: env.corr, body });
    ctx.heard(env.body.sender, env.body.kind !== "ping");
    return this.ready();
  }

  /** The transport could not deliver `env` (a request this node sent): fail it now. */
  undeliverable(env: KadEnvelope, now: number): KadReady {
    this.ctx.advance(now);
    if (env.type === "request" && env.from === this.self.addr) this.ctx.rpc.fail(env.corr);
    return this.ready();
  }

  /** True when this node holds a live value of `key` (not a tombstone). */
  holds(key: string): boolean {
    return this.ctx.liveRecord(key)?.value != null;
  }

  /** Runs a maintenance round now, whenever the last one was (a shell's on-demand repair). */
  maintainNow(now: number): KadReady {
    this.ctx.nextMaintenance = now;
    return this.tick(now);
  }

  /** Fails overdue requests and runs a maintenance round when one is due. */
  tick(now: number): KadReady {
    const ctx = this.ctx;
    ctx.advance(now);
    ctx.rpc.expire(now);
    if (this.config.maintenanceEvery > 0 && now >= ctx.nextMaintenance) {
      ctx.nextMaintenance = now + this.config.maintenanceEvery;
      maintain(ctx);
    }
    return this.ready();
  }

  /** Joins through a known node: look up our own id, then refresh the farther buckets. */
  join(bootstrap: KadContact, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startJoin(this.ctx, bootstrap, op));
  }

  /** The k closest nodes to `target`. */
  findNode(target: bigint, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startFindNode(this.ctx, target, op));
  }

  /**
   * Stores on the k closest nodes to the key, and republishes it while this node lives. The
   * write's stamp is `now`, or above the stamp held here if that is higher.
   */
  put(key: string, value: string | Uint8Array, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startPut(this.ctx, key, value, now, op));
  }

  /**
   * Deletes the key: a tombstone stamped above the held write goes to the k closest nodes
   * (and here) like a put, lives `tombstoneGrace` ticks, and this node stops republishing
   * the key.
   */
  delete(key: string, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startDelete(this.ctx, key, op));
  }

  /**
   * Stores a held record again on its k closest nodes other than this one, with its own
   * stamp and remaining lifetime (a leaving node's records), without publishing it as this
   * node's write.
   */
  handOver(record: KadRecord, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startHandOver(this.ctx, record, op, false));
  }

  /**
   * Repairs this node's own copy of a write a reader found damaged or missing here (see
   * `KadReplicas.restore`); no messages.
   */
  restoreCopy(key: string, value: string | Uint8Array, stamp: number, now: number): KadReady {
    const ctx = this.ctx;
    ctx.advance(now);
    ctx.replicas.restore(
      { key, value, stamp, ttl: this.config.expireAfter },
      ctx.now,
      ctx.republishAt(),
    );
    return this.ready();
  }

  /** Reads the key here or at the first node on the way to it that holds it. */
  get(key: string, now: number): { op: number; ready: KadReady } {
    return this.start(now, (op) => startGet(this.ctx, key, op));
  }

  /** Advances to `now`, runs client operation `begin` under a fresh number, drains. */
  private start(now: number, begin: (op: number) => void): { op: number; ready: KadReady } {
    this.ctx.advance(now);
    const op = this.nextOp++;
    begin(op);
    return { op, ready: this.ready() };
  }

  /** Pushes the replicas the step's routing changes call for, then drains the output. */
  private ready(): KadReady {
    replicate(this.ctx);
    return this.ctx.ready();
  }
}
