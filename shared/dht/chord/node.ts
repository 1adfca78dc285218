/**
 * A Chord node as a pure actor. It takes requests, responses and timer ticks (with the
 * current tick passed in) and returns a `ChordReady`: the routing state to persist when it
 * changed, the envelopes to send, finished client operations and the next tick it wants.
 * Keys go through the injected synchronous `KeyStore`. It never reads a clock, draws no
 * random numbers and does no I/O, so the same class runs in a Durable Object and in the
 * simulator.
 *
 * Protocol: join, stabilize, notify, fix_fingers and check_predecessor as in the paper,
 * with a successor list of length r; each key lives on its successor and is pushed to the
 * next `replicas − 1` nodes whenever that replica set changes; a graceful leave hands every
 * key to the successor and tells both neighbours to close the ring over the leaver.
 *
 * This class is the entry point; its parts live beside it: the shared state and outbox
 * (`./context`), the request-serving side (`./serve`), the maintenance protocol
 * (`./maintenance`) and the client operations (`./client`).
 */
import type { KeyStore } from "../key-store";
import { chordId } from "../ring-id";
import { startJoin, startKeyOp, startSuccessorLookup } from "./client";
import { ChordContext } from "./context";
import { maintain } from "./maintenance";
import { serve } from "./serve";
import type {
  ChordConfig,
  ChordEnvelope,
  ChordReady,
  ChordRecord,
  ChordRef,
  ChordRequest,
  ChordState,
} from "./types";

export class ChordNode {
  private readonly ctx: ChordContext;
  /** The number the next client operation gets; operation numbers are never reused. */
  private nextOp = 1;

  /** A node alone on its own ring, or one restored from persisted `state`. */
  constructor(
    readonly self: ChordRef,
    private readonly config: ChordConfig,
    store: KeyStore<ChordRecord>,
    state?: ChordState,
  ) {
    this.ctx = new ChordContext(self, config, store, state);
  }

  get store(): KeyStore<ChordRecord> {
    return this.ctx.keys.store;
  }

  get predecessor(): ChordRef | null {
    return this.ctx.routing.predecessor;
  }

  get successors(): readonly ChordRef[] {
    return this.ctx.routing.successors;
  }

  get fingers(): readonly (ChordRef | null)[] {
    return this.ctx.routing.fingers;
  }

  get hasLeft(): boolean {
    return this.ctx.departed;
  }

  state(): ChordState {
    return this.ctx.routing.snapshot();
  }

  /** Delivers one envelope addressed to this node. */
  handle(env: ChordEnvelope, now: number): ChordReady {
    const ctx = this.ctx;
    ctx.advance(now);
    if (ctx.departed) return ctx.ready();
    if (env.type === "response") {
      ctx.rpc.resolve(env);
    } else {
      const body = serve(ctx, env.body, env.from);
      ctx.emit({ type: "response", from: this.self.addr, to: env.from, corr: env.corr, body });
    }
    return ctx.ready();
  }

  /** The transport could not deliver `env` (a request this node sent): fail it now. */
  undeliverable(env: ChordEnvelope, now: number): ChordReady {
    this.ctx.advance(now);
    if (env.type === "request" && env.from === this.self.addr) this.ctx.rpc.fail(env.corr);
    return this.ctx.ready();
  }

  /** True when this node believes it is the key's successor (its owner). */
  ownsKey(key: string): boolean {
    return this.ctx.routing.owns(chordId(key));
  }

  /** Runs a maintenance round now, whenever the last one was (a shell's on-demand repair). */
  maintainNow(now: number): ChordReady {
    this.ctx.nextMaintenance = now;
    return this.tick(now);
  }

  /** Fails overdue requests and runs a maintenance round when one is due. */
  tick(now: number): ChordReady {
    const ctx = this.ctx;
    ctx.advance(now);
    if (ctx.departed) return ctx.ready();
    ctx.rpc.expire(now);
    if (this.config.maintenanceEvery > 0 && now >= ctx.nextMaintenance) {
      ctx.nextMaintenance = now + this.config.maintenanceEvery;
      maintain(ctx, now);
    }
    return ctx.ready();
  }

  /** Joins the ring `bootstrap` belongs to: finds this node's successor through it. */
  join(bootstrap: ChordRef, now: number): { op: number; ready: ChordReady } {
    this.ctx.advance(now);
    const op = this.nextOp++;
    startJoin(this.ctx, bootstrap, op);
    return { op, ready: this.ctx.ready() };
  }

  /** Graceful leave: hand every key to the successor, tell both neighbours, then go quiet. */
  leave(now: number): ChordReady {
    const ctx = this.ctx;
    ctx.advance(now);
    const successor = ctx.routing.successor;
    const predecessor = ctx.routing.predecessor;
    if (successor.addr !== this.self.addr) {
      ctx.keys.handOffAll(successor);
      const notice: ChordRequest = {
        kind: "leaving",
        node: this.self,
        predecessor,
        successors: ctx.routing.successors,
      };
      ctx.send(successor.addr, notice);
      if (predecessor !== null && predecessor.addr !== successor.addr) {
        ctx.send(predecessor.addr, notice);
      }
    }
    ctx.departed = true;
    return ctx.ready();
  }

  /** Finds the successor list of `target`. */
  lookup(target: bigint, now: number): { op: number; ready: ChordReady } {
    this.ctx.advance(now);
    const op = this.nextOp++;
    startSuccessorLookup(this.ctx, target, op);
    return { op, ready: this.ctx.ready() };
  }

  /**
   * Repairs this node's own copy of a write a reader found damaged or missing here (see
   * `ChordKeys.restore`); no messages.
   */
  restoreCopy(key: string, value: string | Uint8Array, stamp: number, now: number): ChordReady {
    this.ctx.advance(now);
    this.ctx.keys.restore(key, value, stamp);
    return this.ctx.ready();
  }

  put(key: string, value: string | Uint8Array, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "put", key, value }, now);
  }

  get(key: string, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "get", key }, now);
  }

  delete(key: string, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "delete", key }, now);
  }

  private keyOp(
    request: ChordRequest & { key: string },
    now: number,
  ): { op: number; ready: ChordReady } {
    this.ctx.advance(now);
    const op = this.nextOp++;
    startKeyOp(this.ctx, request, op);
    return { op, ready: this.ctx.ready() };
  }
}
