/**
 * RAFT_REPLICA: one replica of a consensus group. A thin Durable Object shell around the
 * shared `ConsensusHost` (which drains the Raft core: persist, send, apply, and makes
 * every protocol decision): it loads durable state inside `blockConcurrencyWhile` and
 * provides the host's ports — SQLite for the log, DO RPC for peers, the DO alarm for
 * ticks, the wall clock — and turns RPC calls and alarms into calls on the host.
 *
 * Peers are reached by DO RPC (`deliver`), whose return value carries the peer's replies
 * to the caller, so one round trip is one RPC. Failed RPCs are dropped messages, never
 * crashes. One alarm drives the core's ticks while the group is active; a quiescent group
 * sets no alarm and makes no calls until a client request or a peer message wakes it.
 */
import { DurableObject } from "cloudflare:workers";
import { outcomeToRpc } from "../../shared/consensus/call-outcome";
import type { GroupConfig } from "../../shared/consensus/group-config";
import type { ConsensusHost } from "../../shared/consensus/host/consensus-host";
import type { CoreMessage } from "../../shared/consensus/host/consensus-node";
import type { Done } from "../../shared/consensus/host/waiters";
import type { ConfState } from "../../shared/consensus/raft";
import { isFsReadOp } from "../../shared/fs/read-ops";
import type { FsCommand, FsResult } from "../../shared/fs/types";
import type { GroupCommand, GroupResult } from "../../shared/group/group-app";
import type { EventsResult, KvCommand, KvResult } from "../../shared/kv";
import { type RpcResult, rpcFail, rpcOk } from "../../shared/rpc-result";
import type { FaultPlan } from "./fault-plan";
import { fsAnswer, kvAnswer, settle } from "./replica-answers";
import { noGroup, type ReplicaAddress, type ReplicaStatus } from "./replica-contract";
import { type Member, peerOf, startMember } from "./replica-host";
import { statusAnswer } from "./replica-status";
import { ReplicaTransport } from "./replica-transport";
import { SqliteRaftLog } from "./sqlite-raft-log";

type GroupHost = ConsensusHost<GroupCommand, GroupResult>;

export class RaftReplica extends DurableObject<Env> {
  private readonly log: SqliteRaftLog;
  private readonly transport: ReplicaTransport;
  /** Null until this replica belongs to a group. */
  private member: Member | null = null;
  /** When the alarm is set for, as loaded at start (null: none). */
  private alarmAt: number | null = null;
  /**
   * Requests served since the replica was created. Kept in memory and written to SQLite
   * each time the group goes quiet, so an eviction while idle does not reset them.
   */
  private stats = { clientCalls: 0, peerCallsIn: 0, alarms: 0, proposals: 0 };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new SqliteRaftLog(ctx.storage.sql);
    this.transport = new ReplicaTransport(
      () => this.member?.host.id ?? 0,
      (to) => (this.member ? peerOf(this.env.RAFT_REPLICA, this.member, to) : null),
      (replies) => this.member?.host.step(replies),
    );
    ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
      this.start();
    });
  }

  /** Creates this replica as part of a new group; false when it already belongs to one. */
  async create(config: GroupConfig, id: number): Promise<RpcResult<{ created: boolean }>> {
    if (this.member) return rpcOk({ created: false });
    const host = this.initialise(config, id);
    if (id === 1) host?.campaign();
    return rpcOk({ created: true });
  }

  /** Proposes a KV command and answers once it is committed and applied. */
  async propose(address: ReplicaAddress, command: KvCommand): Promise<RpcResult<KvResult>> {
    const host = this.serve(address);
    if (!host) return noGroup();
    this.stats.proposals++;
    return kvAnswer(await settle((done) => host.propose(command, done)));
  }

  /** A read at the applied state: linearizable (ReadIndex) or serializable (local, maybe stale). */
  async read(
    address: ReplicaAddress,
    command: Extract<KvCommand, { type: "get" | "range" }>,
    consistency: "linearizable" | "serializable",
  ): Promise<RpcResult<KvResult>> {
    const host = this.serve(address);
    if (!host) return noGroup();
    const query = () => host.machine.apply(command, 0);
    if (consistency === "serializable") return kvAnswer({ ok: true, value: query() });
    return kvAnswer(await settle((done) => host.read(query, done)));
  }

  /** Proposes a file-system command and answers once it is committed and applied. */
  async fsPropose(address: ReplicaAddress, command: FsCommand): Promise<RpcResult<FsResult>> {
    const host = this.serve(address);
    if (!host) return noGroup();
    this.stats.proposals++;
    return fsAnswer(await settle((done) => host.propose(command, done)));
  }

  /** A linearizable file-system read (`stat`, `list`, `scan`, ...) through ReadIndex. */
  async fsRead(address: ReplicaAddress, command: FsCommand): Promise<RpcResult<FsResult>> {
    if (!isFsReadOp(command.op.kind)) {
      return rpcFail("validation-failed", `${command.op.kind} changes the namespace: propose it`);
    }
    const host = this.serve(address);
    if (!host) return noGroup();
    return fsAnswer(await settle((done) => host.read(() => host.machine.apply(command, 0), done)));
  }

  /** Watch events at or after `fromRevision` under `prefix`, waiting up to `waitMs` for one. */
  async events(
    address: ReplicaAddress,
    fromRevision: number,
    prefix: string,
    waitMs: number,
  ): Promise<RpcResult<EventsResult>> {
    const host = this.serve(address);
    if (!host) return noGroup();
    const kv = this.member?.app.kv;
    if (!kv) return noGroup();
    const found = await new Promise<EventsResult | undefined>((resolve) =>
      host.observe(() => kv.machine.pollEvents(fromRevision, prefix), waitMs, resolve),
    );
    return rpcOk(found ?? kv.machine.eventsSince(fromRevision, prefix));
  }

  /** Adds replica `id`: a learner first, a voter once it has caught up. */
  async addMember(address: ReplicaAddress, id: number): Promise<RpcResult<ConfState>> {
    return this.leaderCall<ConfState>(address, (host, done) => host.addMember(id, done));
  }

  /** Removes replica `id` from the group. */
  async removeMember(address: ReplicaAddress, id: number): Promise<RpcResult<ConfState>> {
    return this.leaderCall<ConfState>(address, (host, done) => host.removeMember(id, done));
  }

  /** Hands leadership to `to`. */
  async transferLeadership(address: ReplicaAddress, to: number) {
    return this.leaderCall<{ leader: number }>(address, (host, done) =>
      host.transferLeadership(to, done),
    );
  }

  /** This replica's view of the group; with `leaderOnly`, redirects unless it leads. */
  async status(address: ReplicaAddress, leaderOnly: boolean): Promise<RpcResult<ReplicaStatus>> {
    const host = this.ready(address);
    const member = this.member;
    if (!host || !member) return noGroup();
    const stats = { ...this.stats, peerCallsOut: this.transport.callsOut };
    return statusAnswer(host.status(), member.config, stats, leaderOnly);
  }

  /** Peer RPC: steps a batch of messages from replica `from` and returns the replies to it. */
  async deliver(
    config: GroupConfig,
    to: number,
    from: number,
    messages: CoreMessage[],
  ): Promise<CoreMessage[]> {
    this.stats.peerCallsIn++;
    const host = this.ready({ id: to, bootstrap: config }, false);
    if (!host) return [];
    // A partitioned link drops the batch: no replies, as the sender treats a failed call.
    // (Throwing here made workerd log every dropped batch as an uncaught exception.)
    if (!this.transport.accepts(from)) return [];
    return this.transport.serve(from, () => host.step(messages));
  }

  /** Dev-only: installs (or, with `{}`, heals) this replica's network faults. */
  async setFaults(plan: FaultPlan): Promise<void> {
    this.transport.faults = plan;
    this.log.setMeta("faults", plan);
  }

  /** Dev-only: aborts this object; it restarts from storage on its next call. */
  async crash(): Promise<void> {
    this.ctx.abort("fault injection: crash");
  }

  /** The host's alarm: it ticks the core for the time that passed. */
  override async alarm(): Promise<void> {
    this.stats.alarms++;
    this.member?.host.alarm();
  }

  /** An administrative call on the host, answered once it settles. */
  private async leaderCall<T>(
    address: ReplicaAddress,
    call: (host: GroupHost, done: Done<T>) => void,
  ): Promise<RpcResult<T>> {
    const host = this.serve(address);
    if (!host) return noGroup();
    return outcomeToRpc(await settle<T>((done) => call(host, done)));
  }

  /** The host for a client call, counted; null when this replica is in no group. */
  private serve(address: ReplicaAddress): GroupHost | null {
    this.stats.clientCalls++;
    return this.ready(address);
  }

  /** Loads durable state, if this replica belongs to a group. */
  private start(): void {
    this.transport.faults = this.log.getMeta<FaultPlan>("faults") ?? {};
    this.stats = this.log.getMeta<typeof this.stats>("stats") ?? this.stats;
    this.member = startMember({
      ctx: this.ctx,
      log: this.log,
      transport: this.transport,
      alarmAt: this.alarmAt,
      onQuiet: () => this.log.setMeta("stats", this.stats),
    });
  }

  /** Records this replica's identity and starts it. */
  private initialise(config: GroupConfig, id: number): GroupHost | null {
    this.log.initialise({ id, config });
    this.start();
    return this.member?.host ?? null;
  }

  /**
   * The host, creating this replica from `bootstrap` on first contact when allowed. A
   * client's first call creates replica 1, which campaigns at once rather than after an
   * election timeout; peers are created by its first messages.
   */
  private ready(address: ReplicaAddress, fromClient = true): GroupHost | null {
    if (this.member || !address.bootstrap) return this.member?.host ?? null;
    const host = this.initialise(address.bootstrap, address.id);
    if (host && address.id === 1 && fromClient) host.campaign();
    return host;
  }
}
