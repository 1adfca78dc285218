/**
 * RAFT_REPLICA: one replica of a consensus group. A thin Durable Object shell: it loads
 * durable state inside `blockConcurrencyWhile` and turns RPC calls and alarms into calls
 * on its `ReplicaDriver` (which drains the Raft core: persist, send, apply).
 *
 * Peers are reached by DO RPC (`deliver`), whose return value carries the peer's replies
 * to the caller, so one round trip is one RPC. Failed RPCs are dropped messages, never
 * crashes. One alarm drives the core's ticks while the group is active; a quiescent group
 * sets no alarm and makes no calls until a client request or a peer message wakes it.
 */
import { DurableObject } from "cloudflare:workers";
import {
  type GroupConfig,
  replicaLocation,
  replicaName,
} from "../../shared/consensus/group-config";
import type { ConfChange, ConfState, Message } from "../../shared/consensus/raft";
import type { EventsResult, KvCommand, KvResult } from "../../shared/kv";
import type { FaultPlan } from "./fault-plan";
import { changeMembership, transferLeadership } from "./leader-admin";
import {
  type CallOutcome,
  ELECTION_TICKS,
  fromSettled,
  noGroup,
  type ReplicaAddress,
  type ReplicaStatus,
  TICK_MS,
} from "./replica-contract";
import { ReplicaDriver } from "./replica-driver";
import { describeReplica } from "./replica-status";
import { type PeerEndpoint, ReplicaTransport } from "./replica-transport";
import { SqliteRaftLog } from "./sqlite-raft-log";

export class RaftReplica extends DurableObject<Env> {
  private readonly log: SqliteRaftLog;
  private readonly transport: ReplicaTransport;
  /** Null until this replica belongs to a group. */
  private driver: ReplicaDriver | null = null;
  /** Whether any peer has called since this object started (see `notLeader`). */
  private heardFromPeers = false;
  /** When the alarm is set for, as last set by this object (null: none). */
  private alarmAt: number | null = null;
  private lastTickAt = 0;
  /**
   * Requests served since the replica was created. Kept in memory and written to SQLite
   * each time the group goes quiet, so an eviction while idle does not reset them.
   */
  private stats = { clientCalls: 0, peerCallsIn: 0, alarms: 0, proposals: 0 };
  /** Whether `stats` were written since the replica last went quiet. */
  private statsSaved = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new SqliteRaftLog(ctx.storage.sql);
    this.transport = new ReplicaTransport(
      () => this.driver?.id ?? 0,
      (to) => this.peer(to),
      (replies) => {
        const driver = this.driver;
        if (!driver) return;
        for (const m of replies) driver.node.step(m);
        driver.pump();
      },
    );
    ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
      this.start();
    });
  }

  /** Creates this replica as part of a new group; false when it already belongs to one. */
  async create(
    config: GroupConfig,
    id: number,
  ): Promise<{ created: boolean; config: GroupConfig }> {
    if (this.driver) return { created: false, config: this.driver.config };
    const driver = this.initialise(config, id);
    if (id === 1) driver?.node.campaign();
    driver?.pump();
    return { created: true, config };
  }

  /** Proposes a KV command and answers once it is committed and applied. */
  async propose(address: ReplicaAddress, command: KvCommand): Promise<CallOutcome<KvResult>> {
    this.stats.clientCalls++;
    const driver = this.ready(address);
    if (!driver) return noGroup();
    if (driver.node.raft.role !== "leader") return this.notLeader(driver);
    this.stats.proposals++;
    return fromSettled(await driver.propose(command));
  }

  /** A read at the applied state: linearizable (ReadIndex) or serializable (local, maybe stale). */
  async read(
    address: ReplicaAddress,
    command: Extract<KvCommand, { type: "get" | "range" }>,
    consistency: "linearizable" | "serializable",
  ): Promise<CallOutcome<KvResult>> {
    this.stats.clientCalls++;
    const driver = this.ready(address);
    if (!driver) return noGroup();
    if (consistency === "linearizable") {
      if (driver.node.raft.role !== "leader") return this.notLeader(driver);
      const barrier = await driver.readBarrier();
      if (!barrier.ok) return fromSettled(barrier);
    }
    return { ok: true, value: driver.kv.apply(command, 0) };
  }

  /** Watch events at or after `fromRevision` under `prefix`, waiting up to `waitMs` for one. */
  async events(
    address: ReplicaAddress,
    fromRevision: number,
    prefix: string,
    waitMs: number,
  ): Promise<CallOutcome<EventsResult>> {
    this.stats.clientCalls++;
    const driver = this.ready(address);
    if (!driver) return noGroup();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const found = driver.kv.eventsSince(fromRevision, prefix);
      // A compacted revision is an answer (the gateway names the field), not a reason to retry.
      if (found.kind === "error" || found.events.length > 0 || Date.now() >= deadline) {
        return { ok: true, value: found };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, deadline - Date.now())));
    }
  }

  /** Membership change: add a learner, promote it, or remove a member. */
  async changeMembership(
    address: ReplicaAddress,
    change: ConfChange,
  ): Promise<CallOutcome<ConfState>> {
    this.stats.clientCalls++;
    const driver = this.ready(address);
    if (!driver) return noGroup();
    const node = driver.node;
    if (node.raft.role !== "leader") return this.notLeader(driver);
    return changeMembership(driver, change);
  }

  /** Hands leadership to `to`. */
  async transferLeadership(
    address: ReplicaAddress,
    to: number,
  ): Promise<CallOutcome<{ leader: number }>> {
    this.stats.clientCalls++;
    const driver = this.ready(address);
    if (!driver) return noGroup();
    if (driver.node.raft.role !== "leader") return this.notLeader(driver);
    return transferLeadership(driver, to);
  }

  /** This replica's view of the group; with `leaderOnly`, redirects unless it leads. */
  async status(address: ReplicaAddress, leaderOnly: boolean): Promise<CallOutcome<ReplicaStatus>> {
    const driver = this.ready(address);
    if (!driver) return noGroup();
    const raft = driver.node.raft;
    // An observer must not wake a quiet group: with no leader known, this replica's own view.
    if (leaderOnly && raft.role !== "leader" && raft.lead !== 0) return this.notLeader(driver);
    const stats = { ...this.stats, peerCallsOut: this.transport.callsOut };
    return { ok: true, value: describeReplica(raft, driver.config, driver.id, driver.conf, stats) };
  }

  /** Peer RPC: steps a batch of messages from replica `from` and returns the replies to it. */
  async deliver(
    config: GroupConfig,
    to: number,
    from: number,
    messages: Message[],
  ): Promise<Message[]> {
    this.stats.peerCallsIn++;
    this.heardFromPeers = true;
    const driver = this.ready({ id: to, bootstrap: config }, false);
    if (!driver) return [];
    if (!this.transport.accepts(from)) throw new Error(`partitioned from replica ${from}`);
    return this.transport.serve(from, () => {
      for (const m of messages) driver.node.step(m);
      driver.pump();
    });
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

  /** Ticks the core for the time that passed; a leader proposes the expiry of due leases. */
  override async alarm(): Promise<void> {
    this.stats.alarms++;
    this.alarmAt = null;
    const driver = this.driver;
    if (!driver) return;
    const now = Date.now();
    const ticks = Math.min(
      ELECTION_TICKS,
      Math.max(1, Math.floor((now - this.lastTickAt) / TICK_MS)),
    );
    this.lastTickAt = now;
    for (let i = 0; i < ticks; i++) driver.node.tick();
    if (driver.node.raft.role === "leader" && driver.kv.expiredLeases(now).length > 0) {
      driver.proposeUnawaited({ type: "expireLeases", now });
    }
    driver.pump();
  }

  /** The peer `to`, reached with the group's location hint for it. */
  private peer(to: number): PeerEndpoint | null {
    const driver = this.driver;
    if (!driver) return null;
    const { config, id } = driver;
    const hint = replicaLocation(config, to);
    const stub = this.env.RAFT_REPLICA.getByName(
      replicaName(config.name, to),
      hint ? { locationHint: hint } : undefined,
    );
    return { deliver: (messages) => stub.deliver(config, to, id, messages) };
  }

  /** Loads durable state, if this replica belongs to a group. */
  private start(): void {
    this.transport.faults = this.log.getMeta<FaultPlan>("faults") ?? {};
    this.stats = this.log.getMeta<typeof this.stats>("stats") ?? this.stats;
    const loaded = this.log.load();
    if (!loaded) return;
    this.driver = new ReplicaDriver(this.log, loaded, {
      send: (messages) => this.transport.send(messages),
      drained: () => void this.scheduleAlarm(),
      fail: (reason) => this.ctx.abort(reason),
    });
    this.lastTickAt = Date.now();
  }

  /** Records this replica's identity and starts it. */
  private initialise(config: GroupConfig, id: number): ReplicaDriver | null {
    this.log.initialise({ id, config });
    this.start();
    return this.driver;
  }

  /**
   * The driver, creating this replica from `bootstrap` on first contact when allowed. A
   * client's first call creates replica 1, which campaigns at once rather than after an
   * election timeout; peers are created by its first messages.
   */
  private ready(address: ReplicaAddress, fromClient = true): ReplicaDriver | null {
    if (this.driver || !address.bootstrap) return this.driver;
    const driver = this.initialise(address.bootstrap, address.id);
    if (driver && address.id === 1 && fromClient) {
      driver.node.campaign();
      driver.pump();
    }
    return driver;
  }

  private notLeader(driver: ReplicaDriver): CallOutcome<never> {
    const node = driver.node;
    // Asked to serve: wake if quiet and make sure the timers run (after a restart nothing
    // else may). With no leader known and no word from any peer since this object started
    // — every replica restarted while the group was idle — campaign at once rather than
    // after an election timeout. Only then: campaigning on every ask would duel elections.
    node.wake();
    if (node.raft.lead === 0 && node.raft.role === "follower" && !this.heardFromPeers) {
      this.heardFromPeers = true; // once: a second ask waits for the election timer
      node.campaign();
    }
    driver.pump();
    return { ok: false, reason: "not_leader", leader: node.raft.lead, voters: driver.conf.voters };
  }

  /**
   * Ticks while active; while quiescent, only a leader holding leases keeps an alarm, set
   * for the next lease deadline.
   */
  private async scheduleAlarm(): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    const raft = driver.node.raft;
    const quiet = raft.quiesced && !driver.busy;
    let next: number | null = quiet ? null : this.lastTickAt + TICK_MS;
    const leaseDeadline = raft.role === "leader" ? driver.kv.nextLeaseDeadline() : null;
    if (leaseDeadline !== null) next = Math.min(next ?? leaseDeadline, leaseDeadline);
    const current = this.alarmAt;
    if (next === null) {
      if (!this.statsSaved) {
        this.log.setMeta("stats", this.stats);
        this.statsSaved = true;
      }
      if (current !== null) {
        this.alarmAt = null;
        await this.ctx.storage.deleteAlarm();
      }
      return;
    }
    this.statsSaved = false;
    if (current === null || current > next) {
      this.alarmAt = Math.max(next, Date.now());
      await this.ctx.storage.setAlarm(this.alarmAt);
    }
  }
}
