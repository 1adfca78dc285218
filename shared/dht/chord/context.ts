/**
 * The state a Chord node's parts share — routing, keys, and (from `StepOutput`) the
 * outstanding requests, the current tick and the outbox they write to. The request-serving side (`./serve`), the
 * maintenance protocol (`./maintenance`) and the client operations (`./client`) are
 * functions over this context; `ChordNode` owns one and drains it into a `ChordReady`
 * after every step.
 */
import type { KeyStore } from "../key-store";
import { StepOutput } from "../step-output";
import { ChordKeys } from "./keys";
import { ChordLookup, type LookupPort, type LookupResult } from "./lookup";
import { ChordRouting } from "./routing";
import type {
  ChordConfig,
  ChordDone,
  ChordReady,
  ChordRecord,
  ChordRef,
  ChordRequest,
  ChordResponse,
  ChordState,
} from "./types";

export class ChordContext extends StepOutput<ChordRequest, ChordResponse, ChordDone> {
  readonly routing: ChordRouting;
  readonly keys: ChordKeys;
  /** Tick at which the next maintenance round is due. */
  nextMaintenance = 0;
  /** True when the routing state changed since the last `ready()`. */
  dirty = false;
  /** Set by a graceful leave; a departed node ignores every input. */
  departed = false;

  /** A node alone on its own ring, or one restored from persisted `state`. */
  constructor(
    readonly self: ChordRef,
    readonly config: ChordConfig,
    store: KeyStore<ChordRecord>,
    state?: ChordState,
  ) {
    super(self.addr, config.rpcTimeout);
    this.routing = state
      ? new ChordRouting(state, config.successorListLength)
      : ChordRouting.alone(self, config.successorListLength);
    this.keys = new ChordKeys(
      this.routing,
      store,
      config.replicas,
      config.tombstoneGrace,
      (to, req) => this.send(to, req),
    );
  }

  /**
   * A request whose answer matters only when it carries newer writes than we pushed (we
   * take them) or when it never comes (the peer is gone).
   */
  send(to: string, body: ChordRequest): void {
    this.request(
      to,
      body,
      (res) => {
        if (res.kind === "newer") this.keys.receive(res.records);
      },
      () => this.forgetPeer(to),
    );
  }

  /** Drops a peer that failed to answer from the routing state and re-pushes replicas. */
  forgetPeer(addr: string): void {
    if (!this.routing.forget(addr)) return;
    this.dirty = true;
    this.keys.sync();
  }

  /** This node's answer to one step of a lookup for `target`. */
  findStep(target: bigint): ChordResponse {
    if (this.routing.answers(target)) return { kind: "found", successors: this.routing.successors };
    const candidates = this.routing.closestPreceding(target);
    if (candidates.length === 0) return { kind: "found", successors: this.routing.successors };
    return { kind: "closer", candidates, successors: this.routing.successors };
  }

  /** Starts an iterative lookup of `target` from this node's own routing state. */
  startLookup(target: bigint, finish: (result: LookupResult) => void): void {
    new ChordLookup(target, this.self, this.lookupPort(), finish).startLocal();
  }

  /** How a lookup started here reaches the network. */
  lookupPort(): LookupPort {
    return {
      local: (target: bigint) => this.findStep(target),
      ask: (
        to: ChordRef,
        target: bigint,
        onReply: (res: ChordResponse) => void,
        onTimeout: () => void,
      ) => {
        this.request(to.addr, { kind: "findStep", target }, onReply, onTimeout);
      },
      forget: (addr: string) => this.forgetPeer(addr),
    };
  }

  /** Drains this step's output: routing state to persist, envelopes, results, next wake. */
  ready(): ChordReady {
    const maintenance =
      this.config.maintenanceEvery > 0 ? Math.max(this.nextMaintenance, this.now) : undefined;
    const ready: ChordReady = {
      persist: this.dirty ? this.routing.snapshot() : undefined,
      ...this.takeOutput(),
      // A departed node wants no more ticks.
      wakeAt: this.departed ? undefined : this.nextWake(maintenance),
    };
    this.dirty = false;
    return ready;
  }
}

/** The hop and timeout counts of a finished lookup, as a `ChordDone` carries them. */
export function counts(result: LookupResult): { hops: number; timeouts: number } {
  return { hops: result.hops, timeouts: result.timeouts };
}
