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
 */
import type { KeyStore } from "../key-store";
import { chordId, fingerStart, inOpen } from "../ring-id";
import { RpcTable } from "../rpc-table";
import { ChordKeys } from "./keys";
import { ChordLookup, type LookupResult } from "./lookup";
import { ChordRouting } from "./routing";
import type {
  ChordConfig,
  ChordDone,
  ChordEnvelope,
  ChordReady,
  ChordRecord,
  ChordRef,
  ChordRequest,
  ChordResponse,
  ChordState,
} from "./types";

export class ChordNode {
  private readonly routing: ChordRouting;
  private readonly rpc: RpcTable<ChordRequest, ChordResponse>;
  private readonly keys: ChordKeys;
  private now = 0;
  /** Tick at which the next maintenance round is due. */
  private nextMaintenance = 0;
  private out: ChordEnvelope[] = [];
  private finished: ChordDone[] = [];
  private dirty = false;
  private nextOp = 1;
  /** Set by `leave`; a departed node ignores every input. */
  private departed = false;

  /** A node alone on its own ring, or one restored from persisted `state`. */
  constructor(
    readonly self: ChordRef,
    private readonly config: ChordConfig,
    store: KeyStore<ChordRecord>,
    state?: ChordState,
  ) {
    this.routing = state
      ? new ChordRouting(state, config.successorListLength)
      : ChordRouting.alone(self, config.successorListLength);
    this.rpc = new RpcTable(self.addr, config.rpcTimeout);
    this.keys = new ChordKeys(
      this.routing,
      store,
      config.replicas,
      config.tombstoneGrace,
      (to, req) => this.send(to, req),
    );
  }

  get store(): KeyStore<ChordRecord> {
    return this.keys.store;
  }

  get predecessor(): ChordRef | null {
    return this.routing.predecessor;
  }

  get successors(): readonly ChordRef[] {
    return this.routing.successors;
  }

  get fingers(): readonly (ChordRef | null)[] {
    return this.routing.fingers;
  }

  get hasLeft(): boolean {
    return this.departed;
  }

  state(): ChordState {
    return this.routing.snapshot();
  }

  /** Delivers one envelope addressed to this node. */
  handle(env: ChordEnvelope, now: number): ChordReady {
    this.advance(now);
    if (this.departed) return this.ready();
    if (env.type === "response") {
      this.rpc.resolve(env);
    } else {
      const body = this.serve(env.body, env.from);
      this.out.push({ type: "response", from: this.self.addr, to: env.from, corr: env.corr, body });
    }
    return this.ready();
  }

  /** The transport could not deliver `env` (a request this node sent): fail it now. */
  undeliverable(env: ChordEnvelope, now: number): ChordReady {
    this.advance(now);
    if (env.type === "request" && env.from === this.self.addr) this.rpc.fail(env.corr);
    return this.ready();
  }

  /** True when this node believes it is the key's successor (its owner). */
  ownsKey(key: string): boolean {
    return this.routing.owns(chordId(key));
  }

  /** Runs a maintenance round now, whenever the last one was (a shell's on-demand repair). */
  maintainNow(now: number): ChordReady {
    this.nextMaintenance = now;
    return this.tick(now);
  }

  /** Fails overdue requests and runs a maintenance round when one is due. */
  tick(now: number): ChordReady {
    this.advance(now);
    if (this.departed) return this.ready();
    this.rpc.expire(now);
    if (this.config.maintenanceEvery > 0 && now >= this.nextMaintenance) {
      this.nextMaintenance = now + this.config.maintenanceEvery;
      this.stabilize();
      this.checkPredecessor();
      this.fixFingers();
      this.keys.purge(now);
    }
    return this.ready();
  }

  /** Joins the ring `bootstrap` belongs to: finds this node's successor through it. */
  join(bootstrap: ChordRef, now: number): { op: number; ready: ChordReady } {
    this.advance(now);
    const op = this.nextOp++;
    this.routing.predecessor = null;
    const lookup = new ChordLookup(this.self.id, this.self, this.port(), (result) => {
      const ok = result.successors !== null && result.successors.length > 0;
      if (ok) {
        this.routing.setSuccessors(result.successors ?? [], []);
        this.dirty = true;
        this.nextMaintenance = this.now;
      }
      this.finished.push({ op, ok, ...counts(result), node: this.routing.successor });
    });
    lookup.startVia(bootstrap);
    return { op, ready: this.ready() };
  }

  /** Graceful leave: hand every key to the successor, tell both neighbours, then go quiet. */
  leave(now: number): ChordReady {
    this.advance(now);
    const successor = this.routing.successor;
    const predecessor = this.routing.predecessor;
    if (successor.addr !== this.self.addr) {
      this.keys.handOffAll(successor);
      const notice: ChordRequest = {
        kind: "leaving",
        node: this.self,
        predecessor,
        successors: this.routing.successors,
      };
      this.send(successor.addr, notice);
      if (predecessor !== null && predecessor.addr !== successor.addr) {
        this.send(predecessor.addr, notice);
      }
    }
    this.departed = true;
    return this.ready();
  }

  /** Finds the successor list of `target`. */
  lookup(target: bigint, now: number): { op: number; ready: ChordReady } {
    this.advance(now);
    const op = this.nextOp++;
    this.startLookup(target, (result) => {
      const node = result.successors?.[0];
      this.finished.push({
        op,
        ok: node !== undefined,
        ...counts(result),
        ...(node ? { node, successors: result.successors ?? [] } : {}),
      });
    });
    return { op, ready: this.ready() };
  }

  put(key: string, value: string, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "put", key, value }, now);
  }

  get(key: string, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "get", key }, now);
  }

  delete(key: string, now: number): { op: number; ready: ChordReady } {
    return this.keyOp({ kind: "delete", key }, now);
  }

  /**
   * Looks up the key's successor, then sends it `request`, falling back along the list.
   * A node that owns the key itself serves it at once, with no lookup.
   */
  private keyOp(
    request: ChordRequest & { key: string },
    now: number,
  ): { op: number; ready: ChordReady } {
    this.advance(now);
    const op = this.nextOp++;
    if (!this.departed && this.routing.owns(chordId(request.key))) {
      const res = this.serve(request, this.self.addr);
      const record = res.kind === "value" ? { record: res.record } : {};
      this.finished.push({ op, ok: true, hops: 0, timeouts: 0, node: this.self, ...record });
      return { op, ready: this.ready() };
    }
    this.startLookup(chordId(request.key), (result) => {
      const base = counts(result);
      const tryAt = (list: ChordRef[]): void => {
        const [node, ...rest] = list;
        if (node === undefined) {
          this.finished.push({ op, ok: false, ...base });
          return;
        }
        const complete = (res: ChordResponse): void => {
          const record = res.kind === "value" ? { record: res.record } : {};
          this.finished.push({ op, ok: true, ...base, node, ...record });
        };
        if (node.addr === this.self.addr) {
          complete(this.serve(request, this.self.addr));
          return;
        }
        this.request(node.addr, request, complete, () => {
          this.forgetPeer(node.addr);
          tryAt(rest);
        });
      };
      tryAt(result.successors ?? []);
    });
    return { op, ready: this.ready() };
  }

  private startLookup(target: bigint, finish: (result: LookupResult) => void): void {
    new ChordLookup(target, this.self, this.port(), finish).startLocal();
  }

  private port() {
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

  private findStep(target: bigint): ChordResponse {
    if (this.routing.answers(target)) return { kind: "found", successors: this.routing.successors };
    const candidates = this.routing.closestPreceding(target);
    if (candidates.length === 0) return { kind: "found", successors: this.routing.successors };
    return { kind: "closer", candidates, successors: this.routing.successors };
  }

  /** Answers one request; runs for remote requests and for a node's own key operations. */
  private serve(req: ChordRequest, from: string): ChordResponse {
    switch (req.kind) {
      case "findStep":
        return this.findStep(req.target);
      case "neighbours":
        return {
          kind: "neighbours",
          predecessor: this.routing.predecessor,
          successors: this.routing.successors,
        };
      case "notify":
        this.onNotify(req.node);
        return { kind: "ack" };
      case "ping":
        return { kind: "ack" };
      case "put":
        return this.keys.put(req.key, req.value, this.now);
      case "get":
        return this.keys.get(req.key);
      case "delete":
        return this.keys.delete(req.key, this.now);
      case "records":
        return this.keys.receive(req.records);
      case "leaving":
        this.onLeaving(req.node, req.predecessor, req.successors, from);
        return { kind: "ack" };
    }
  }

  /** notify(n'): adopt n' as predecessor if closer, and hand it the keys it now owns. */
  private onNotify(node: ChordRef): void {
    const old = this.routing.predecessor;
    if (!this.routing.offerPredecessor(node)) return;
    this.dirty = true;
    if (this.routing.successor.addr === this.self.addr) this.routing.setSuccessors([node], []);
    this.keys.handOff(old, node);
    this.keys.sync();
  }

  private onLeaving(
    node: ChordRef,
    predecessor: ChordRef | null,
    successors: ChordRef[],
    from: string,
  ): void {
    if (node.addr !== from) return;
    if (this.routing.predecessor?.addr === node.addr) {
      this.routing.predecessor = predecessor?.addr === this.self.addr ? null : predecessor;
    }
    const at = this.routing.successors.findIndex((n) => n.addr === node.addr);
    if (at >= 0) {
      const list = this.routing.successors;
      this.routing.setSuccessors([...list.slice(0, at), ...successors], list.slice(at + 1));
    }
    const heir = successors.find((n) => n.addr !== node.addr) ?? null;
    const fingers = this.routing.fingers;
    for (let i = 0; i < fingers.length; i++) {
      if (fingers[i]?.addr === node.addr) fingers[i] = heir?.addr === this.self.addr ? null : heir;
    }
    this.dirty = true;
    this.keys.sync();
  }

  /** stabilize(): learn the successor's predecessor and list, adopt a closer successor, notify. */
  private stabilize(): void {
    const succ = this.routing.successor;
    if (succ.addr === this.self.addr) {
      const pred = this.routing.predecessor;
      if (pred !== null && this.routing.setSuccessors([pred], [])) {
        this.dirty = true;
        this.send(pred.addr, { kind: "notify", node: this.self });
      }
      return;
    }
    this.request(
      succ.addr,
      { kind: "neighbours" },
      (res) => {
        if (res.kind !== "neighbours") return;
        const x = res.predecessor;
        const closer =
          x !== null && x.addr !== this.self.addr && inOpen(x.id, this.self.id, succ.id);
        const head = closer ? [x, succ] : [succ];
        if (this.routing.setSuccessors(head, res.successors)) {
          this.dirty = true;
          this.keys.sync();
        }
        this.send(this.routing.successor.addr, { kind: "notify", node: this.self });
      },
      () => {
        this.forgetPeer(succ.addr);
        this.stabilize();
      },
    );
  }

  /** check_predecessor(): forget a predecessor that does not answer a ping. */
  private checkPredecessor(): void {
    const pred = this.routing.predecessor;
    if (pred === null) return;
    this.request(
      pred.addr,
      { kind: "ping" },
      () => {},
      () => this.forgetPeer(pred.addr),
    );
  }

  /** fix_fingers(): refresh the next few fingers, locally when the successor covers them. */
  private fixFingers(): void {
    for (let j = 0; j < this.config.fingersPerRound; j++) {
      const i = this.routing.nextFinger;
      this.routing.nextFinger = (i + 1) % this.routing.fingers.length;
      const start = fingerStart(this.self.id, i);
      if (this.routing.answers(start)) {
        this.setFinger(i, this.routing.successor);
        continue;
      }
      this.startLookup(start, (result) => {
        const node = result.successors?.[0];
        if (node !== undefined) this.setFinger(i, node);
      });
    }
  }

  private setFinger(i: number, node: ChordRef): void {
    const value = node.addr === this.self.addr ? null : node;
    if (this.routing.fingers[i]?.addr === value?.addr) return;
    this.routing.fingers[i] = value;
    this.dirty = true;
  }

  private forgetPeer(addr: string): void {
    if (!this.routing.forget(addr)) return;
    this.dirty = true;
    this.keys.sync();
  }

  private request(
    to: string,
    body: ChordRequest,
    onReply: (res: ChordResponse) => void,
    onTimeout: () => void,
  ): void {
    this.out.push(this.rpc.request(to, body, this.now, onReply, onTimeout));
  }

  /**
   * A request whose answer matters only when it carries newer writes than we pushed (we
   * take them) or when it never comes (the peer is gone).
   */
  private send(to: string, body: ChordRequest): void {
    this.request(
      to,
      body,
      (res) => {
        if (res.kind === "newer") this.keys.receive(res.records);
      },
      () => this.forgetPeer(to),
    );
  }

  private advance(now: number): void {
    if (now > this.now) this.now = now;
  }

  private ready(): ChordReady {
    const deadline = this.departed ? undefined : this.rpc.nextDeadline();
    const maintenance =
      this.config.maintenanceEvery > 0 && !this.departed
        ? Math.max(this.nextMaintenance, this.now)
        : undefined;
    const wakeAt =
      deadline === undefined
        ? maintenance
        : maintenance === undefined
          ? deadline
          : Math.min(deadline, maintenance);
    const ready: ChordReady = {
      persist: this.dirty ? this.routing.snapshot() : undefined,
      send: this.out,
      done: this.finished,
      wakeAt,
    };
    this.dirty = false;
    this.out = [];
    this.finished = [];
    return ready;
  }
}

function counts(result: LookupResult): { hops: number; timeouts: number } {
  return { hops: result.hops, timeouts: result.timeouts };
}
