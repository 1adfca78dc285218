/**
 * What the CHORD_NODE and KADEMLIA_NODE shells share: storage loaded inside
 * `blockConcurrencyWhile` (node spec and routing state in the synchronous KV storage, keys
 * in SQLite), the `CoreDriver` wiring, the alarm as the pure `WakePolicy` commands it, the
 * peer RPC `deliver`, on-demand maintenance, failure, and leaving; the key RPC (user keys
 * only: the reserved namespace is refused) and the chunk RPCs. A subclass builds its core
 * and runs its key operations. Every RPC answers an `RpcResult`.
 *
 * Chunks: `chunkOp` writes or deletes one through the core like a key (routed to its owner,
 * which copies it to its replicas), `chunkLookup` reads one the same way; `chunkCopy`, `chunkRepair` and `chunkHashes` act on this
 * node's own copies only, without routing, so that a reader can check and mend each
 * replica; `corruptChunk` is fault injection for tests (called on the binding, no route).
 */
import { DurableObject } from "cloudflare:workers";
import {
  CHUNK_HASH_PATTERN,
  chunkDigest,
  chunkKey,
  isReservedKey,
  MAX_CHUNK_BYTES,
} from "../../shared/dht/chunk-key";
import type { Envelope, Ready } from "../../shared/dht/envelope";
import type { NodeSpec } from "../../shared/dht/node-config";
import { type AlarmCommand, WakePolicy } from "../../shared/dht/wake-policy";
import { type RpcFailure, type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import { CoreDriver } from "./core-driver";
import {
  type ChunkCopy,
  type ChunkOpRequest,
  type ChunkWritten,
  type CoreKeyOp,
  type KeyOpRequest,
  type KeyOpResult,
  NO_NODE,
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

  /** Writes or deletes a chunk through the core: routed to its owner, copied to its replicas. */
  async chunkOp(req: ChunkOpRequest): Promise<RpcResult<ChunkWritten>> {
    if (req.kind !== "put" && req.kind !== "delete") {
      return rpcFail("bad-request", "a chunk operation is a put or a delete", { field: "kind" });
    }
    const bad = badChunk(req.hash, req.kind === "put" ? (req.bytes ?? null) : undefined);
    if (bad) return bad;
    const key = chunkKey(req.hash);
    const op: CoreKeyOp =
      req.kind === "put" ? { kind: "put", key, value: req.bytes } : { kind: "delete", key };
    const served = await this.serveKeyOp(op);
    if (!served.ok) return served;
    return rpcOk({ node: served.value.node, present: served.value.present === true });
  }

  /**
   * A chunk read through the core, routed as a key's get (Kademlia: the first node holding
   * it on the way to its closest): for when no holder a membership view names has it.
   * Unverified; null when the lookup found none.
   */
  async chunkLookup(hash: string): Promise<RpcResult<Uint8Array | null>> {
    const bad = badChunk(hash);
    if (bad) return bad;
    const served = await this.serveKeyOp({ kind: "get", key: chunkKey(hash) });
    if (!served.ok) return served;
    const value = served.value.value;
    return rpcOk(value instanceof Uint8Array ? value : null);
  }

  /** This node's own copy of a chunk (null when it holds none), read without routing. */
  async chunkCopy(hash: string): Promise<RpcResult<ChunkCopy | null>> {
    if (!this.core) return noNode();
    const bad = badChunk(hash);
    if (bad) return bad;
    const record = this.records.get(chunkKey(hash));
    if (!(record?.value instanceof Uint8Array)) return rpcOk(null);
    return rpcOk({ bytes: record.value, stamp: record.stamp });
  }

  /**
   * Mends this node's own copy of a chunk with good bytes of write `stamp` (a reader found
   * it damaged or missing here): refused unless the bytes hash to `hash`; kept as it is
   * when a later write (a delete) is held.
   */
  async chunkRepair(hash: string, bytes: Uint8Array, stamp: number): Promise<RpcResult<null>> {
    const bad = badChunk(hash, bytes);
    if (bad) return bad;
    if ((await chunkDigest(bytes)) !== hash) {
      return rpcFail("bad-request", "the bytes do not hash to the chunk's name", {
        field: "bytes",
      });
    }
    if (!this.core) return noNode();
    await this.driver.run(this.core.restoreCopy(chunkKey(hash), bytes, stamp, Date.now()));
    return rpcOk(null);
  }

  /** The chunks this node holds bytes of, and those it holds a delete's tombstone for. */
  async chunkHashes(): Promise<RpcResult<{ held: string[]; deleted: string[] }>> {
    if (!this.core) return noNode();
    return rpcOk(this.records.chunkHashes());
  }

  /**
   * Fault injection (tests call it on the binding; no route reaches it): damages this
   * node's copy of a chunk in place — its first byte flipped, or one byte added to an
   * empty chunk — keeping its stamp; or, with `lose`, drops the copy as if never stored.
   * False when the node holds no copy.
   */
  async corruptChunk(hash: string, how: "damage" | "lose" = "damage"): Promise<RpcResult<boolean>> {
    if (!this.core) return noNode();
    const key = chunkKey(hash);
    const held = this.records.get(key)?.value;
    if (!(held instanceof Uint8Array)) return rpcOk(false);
    if (how === "lose") {
      this.records.delete(key);
      return rpcOk(true);
    }
    const damaged = held.byteLength === 0 ? new Uint8Array([0]) : held.slice();
    if (held.byteLength > 0) damaged[0] = (damaged[0] as number) ^ 0xff;
    return rpcOk(this.records.overwriteBytes(key, damaged));
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

  /** Fault injection: the node dies and its storage with it; no hand-off. */
  async fail(): Promise<RpcResult<null>> {
    if (!this.core) return noNode();
    this.forget();
    return rpcOk(null);
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

/** Why a chunk call is refused, if it is: a malformed hash, or bytes missing or too many. */
function badChunk(hash: string, bytes?: Uint8Array | null): RpcFailure | undefined {
  if (typeof hash !== "string" || !CHUNK_HASH_PATTERN.test(hash)) {
    return rpcFail("bad-request", "a chunk hash is 64 lowercase hex digits", { field: "hash" });
  }
  if (bytes === undefined) return undefined;
  if (!(bytes instanceof Uint8Array)) {
    return rpcFail("bad-request", "a chunk's bytes are a Uint8Array", { field: "bytes" });
  }
  if (bytes.byteLength > MAX_CHUNK_BYTES) {
    return rpcFail(
      "payload-too-large",
      `a chunk is ${bytes.byteLength} bytes; at most ${MAX_CHUNK_BYTES}`,
      { field: "bytes", extensions: { limit: MAX_CHUNK_BYTES } },
    );
  }
  return undefined;
}
