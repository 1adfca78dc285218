/**
 * What the CHORD_NODE and KADEMLIA_NODE shells share: storage loaded inside
 * `blockConcurrencyWhile` (node spec and routing state in the synchronous KV storage, keys
 * in SQLite), the `CoreDriver` wiring, the alarm as the pure `WakePolicy` commands it, the
 * peer RPC `deliver`, on-demand maintenance, failure, crash, leaving, status, and the key RPC
 * (user keys only: the reserved namespace is refused). The chunk RPCs sit one layer up, in
 * `ChunkRingNode`; a subclass of that builds its core and runs its key operations. Every
 * RPC but the dev-only crash answers an `RpcResult`.
 */
import { DurableObject } from "cloudflare:workers";
import { isReservedKey } from "../../shared/dht/chunk-key";
import type { Envelope, Ready } from "../../shared/dht/envelope";
import type { NodeSpec } from "../../shared/dht/node-config";
import { type AlarmCommand, WakePolicy } from "../../shared/dht/wake-policy";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { CoreDriver } from "./core-driver";
import {
  type CoreKeyOp,
  type KeyOpRequest,
  type KeyOpResult,
  NO_NODE,
  type NodeStatus,
  noNode,
  type ServedKeyOp,
} from "./node-contract";
import { SqliteRecords } from "./sqlite-records";

/** The step functions both pure cores offer. */
export interface DhtCore<Req, Res, State, Done> {
  handle(env: Envelope<Req, Res>, now: number): Ready<Req, Res, State, Done>;
  undeliverable(env: Envelope<Req, Res>, now: number): Ready<Req, Res, State, Done>;
  tick(now: number): Ready<Req, Res, State, Done>;
  maintainNow(now: number): Ready<Req, Res, State, Done>;
  restoreCopy(
    key: string,
    value: string | Uint8Array,
    stamp: number,
    now: number,
  ): Ready<Req, Res, State, Done>;
}

/** What `status()` reports of an overlay's routing state. */
export type RoutingStatus = Pick<
  NodeStatus,
  "id" | "predecessor" | "successors" | "routingEntries" | "buckets"
>;

export abstract class RingNodeBase<
  Req,
  Res,
  State,
  Done extends { op: number },
  R extends { key: string; id: bigint; stamp: number; value: string | Uint8Array | null },
  Core extends DhtCore<Req, Res, State, Done>,
> extends DurableObject<Env> {
  protected readonly records: SqliteRecords<R>;
  protected readonly wake = new WakePolicy();
  protected readonly driver: CoreDriver<Req, Res, State, Done>;
  /** Null until created, and again after leaving or failing: calls then answer `noNode()`. */
  protected core: Core | null = null;
  protected spec: NodeSpec | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.records = new SqliteRecords(ctx.storage.sql);
    this.driver = new CoreDriver<Req, Res, State, Done>({
      handle: (env) => this.live().handle(env, Date.now()),
      undeliverable: (env) => this.live().undeliverable(env, Date.now()),
      persist: (state) => this.ctx.storage.kv.put("state", state),
      call: async (env) => {
        const replies = await this.callPeer(env);
        // A peer without a node is unreachable: the driver's failure path takes over.
        if (!replies.ok) throw new Error(replies.problem.detail);
        return replies.value;
      },
      stepped: (changed, wakeAt) => this.obey(this.wake.stepped(changed, wakeAt, Date.now())),
    });
    ctx.blockConcurrencyWhile(async () => {
      this.wake.restore(await ctx.storage.getAlarm(), Date.now());
      const spec = ctx.storage.kv.get<NodeSpec>("spec");
      const state = ctx.storage.kv.get<State>("state");
      if (spec && state) this.load(spec, state);
    });
  }

  /** Builds the core for `spec`, from persisted `state` or alone on its own ring. */
  protected abstract createCore(spec: NodeSpec, state: State | undefined): Core;
  /** Calls the same class's node `env.to` with `deliver`. */
  protected abstract callPeer(env: Envelope<Req, Res>): Promise<RpcResult<Envelope<Req, Res>[]>>;
  /** Runs one key operation (a user key's or a chunk's) through the core, started here. */
  protected abstract serveKeyOp(req: CoreKeyOp): Promise<RpcResult<ServedKeyOp>>;
  /** The overlay's part of `status()`: the core's id and routing state. */
  protected abstract routingStatus(core: Core): RoutingStatus;

  /** A client operation on one user key, started here; keys of the reserved namespace are refused. */
  async keyOp(req: KeyOpRequest): Promise<RpcResult<KeyOpResult>> {
    if (isReservedKey(req.key)) {
      return rpcFail("bad-request", "keys beginning with a control character are reserved", {
        field: "param.key",
      });
    }
    const served = await this.serveKeyOp(req);
    if (!served.ok) return served;
    const { value, present: _present, ...rest } = served.value;
    if (req.kind !== "get") return rpcOk(rest);
    return rpcOk({ ...rest, value: typeof value === "string" ? value : null });
  }

  /** Creates this node with routing state computed by the ring directory. */
  async init(spec: NodeSpec, state: State): Promise<RpcResult<null>> {
    this.ctx.storage.kv.put("spec", spec);
    this.ctx.storage.kv.put("state", state);
    this.load(spec, state);
    return rpcOk(null);
  }

  /** Peer RPC: one envelope in, the responses addressed back to the caller out. */
  async deliver(env: Envelope<Req, Res>): Promise<RpcResult<Envelope<Req, Res>[]>> {
    if (!this.core) return noNode();
    const ready = this.core.handle(env, Date.now());
    const replies = ready.send.filter((e) => e.type === "response" && e.to === env.from);
    await this.driver.run({ ...ready, send: ready.send.filter((e) => !replies.includes(e)) });
    return rpcOk(replies);
  }

  /** Runs one maintenance round now (after a membership change next to this node). */
  async maintain(): Promise<RpcResult<null>> {
    if (!this.core) return noNode();
    this.wake.touch(Date.now());
    await this.driver.run(this.core.maintainNow(Date.now()));
    return rpcOk(null);
  }

  /** This node's view of itself, for ring status. */
  async status(): Promise<RpcResult<NodeStatus>> {
    const core = this.core;
    const spec = this.spec;
    if (!core || !spec) return noNode();
    return rpcOk({
      addr: spec.addr,
      host: spec.host,
      ...this.routingStatus(core),
      keys: this.records.liveSize(),
      alarmSet: this.wake.alarmSet,
    });
  }

  /** Fault injection: the node dies and its storage with it; no hand-off. */
  async fail(): Promise<RpcResult<null>> {
    if (!this.core) return noNode();
    this.forget();
    return rpcOk(null);
  }

  /**
   * Dev-only: aborts this object, as an eviction would; unlike `fail`, the storage stays
   * and the node reloads from it on its next call.
   */
  async crash(): Promise<void> {
    this.ctx.abort("fault injection: crash");
  }

  override async alarm(): Promise<void> {
    this.wake.fired();
    if (!this.core) return;
    await this.driver.run(this.core.tick(Date.now()));
  }

  protected load(spec: NodeSpec, state: State | undefined): Core {
    this.spec = spec;
    this.core = this.createCore(spec, state);
    return this.core;
  }

  /** Creates a fresh node that will join a ring (active from the start). */
  protected fresh(spec: NodeSpec, state: State): Core {
    const core = this.load(spec, undefined);
    this.ctx.storage.kv.put("spec", spec);
    this.ctx.storage.kv.put("state", state);
    this.wake.touch(Date.now());
    return core;
  }

  /** The core, for steps that can only follow its creation (the driver's replies). */
  protected live(): Core {
    if (!this.core) throw new Error(NO_NODE);
    return this.core;
  }

  /** Starts a client operation and resolves with its outcome once everything settled. */
  protected async runOp(started: {
    op: number;
    ready: Ready<Req, Res, State, Done>;
  }): Promise<Done> {
    const finished = this.driver.wait(started.op);
    await this.driver.run(started.ready);
    return finished;
  }

  protected forget(): void {
    this.core = null;
    this.spec = null;
    this.records.clear();
    this.ctx.storage.kv.delete("spec");
    this.ctx.storage.kv.delete("state");
    this.obey(this.wake.clear());
  }

  /** Carries out the wake policy's command on this object's alarm. */
  private obey(command: AlarmCommand): void {
    if (command?.kind === "set") void this.ctx.storage.setAlarm(command.at);
    else if (command?.kind === "delete") void this.ctx.storage.deleteAlarm();
  }
}
