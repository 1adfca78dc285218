/**
 * The one host loop of a consensus replica, shared by the Durable Object and the
 * simulator: it owns the core (a `ConsensusNode`: Raft's or Multi-Paxos's, see
 * `engine.ts`), the durable log and the state machine, and
 * drains every Ready in the house order — persist, then send, then apply — before
 * `advance`. It batches the client calls of one moment (one append per batch of
 * proposals, one ReadIndex round per batch of reads), settles each waiting call once,
 * answers `unknown` for writes in flight when leadership is lost, snapshots when due,
 * and says when it next needs an alarm. It talks to the world only through its ports.
 */

import type { Rng } from "../../rng";
import { CallBatches, type QueuedProposal } from "../call-batches";
import {
  type CallOutcome,
  overloaded,
  refusalOutcome,
  unavailable,
  unknown,
} from "../call-outcome";
import { type ConfChange, decodeConfChange } from "../raft/conf-change";
import type { Refusal } from "../raft/refusal";
import type { Storage } from "../raft/storage";
import type { ConfState, Entry, NodeId, Ready } from "../raft/types";
import type { ConsensusNode, CoreMessage } from "./consensus-node";
import { ElectionWait } from "./election-wait";
import { buildNode, type CoreMakers, type EngineChoice } from "./engine";
import { type HostStatus, hostStatus } from "./host-status";
import { LeaderAdmin } from "./leader-admin";
import { LogKeeper } from "./log-keeper";
import type {
  DurableLog,
  HostAlarm,
  HostClock,
  HostEvents,
  HostTransport,
  LoadedLog,
} from "./ports";
import type { ReplicatedApp } from "./replicated-app";
import { TickClock } from "./tick-clock";
import type { HostTuning } from "./tuning";
import { type Done, Waiters } from "./waiters";
import { Watches } from "./watches";

export interface HostOptions<C, R> extends CoreMakers {
  id: NodeId;
  /** Raft when absent. */
  engine?: EngineChoice;
  loaded: LoadedLog;
  log: DurableLog;
  transport: HostTransport;
  clock: HostClock;
  alarm: HostAlarm;
  /** When the alarm is set for at start (a DO's alarm survives restarts), or null. */
  alarmAt: number | null;
  events: HostEvents;
  app: ReplicatedApp<C, R>;
  tuning: HostTuning;
  /** The core's randomness (election timeouts). */
  rng: Rng;
  /** Unique among this replica's lives, so request ids of one never match another's. */
  incarnation: string;
}

/** A command as the log carries it: the request id lets the proposer find its waiter. */
interface LoggedCommand<C> {
  r: string;
  c: C;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ConsensusHost<C, R> {
  readonly id: NodeId;
  protected readonly node: ConsensusNode;
  protected readonly app: ReplicatedApp<C, R>;
  private readonly keeper: LogKeeper;
  private readonly clock: HostClock;
  private readonly alarmPort: HostAlarm;
  /** When the alarm is set for, as last set by this host (null: none). */
  private alarmAt: number | null;
  /** Whether the runtime was told the group is quiet (`HostAlarm.clear`) since it last woke. */
  private quiet = false;
  private readonly events: HostEvents;
  private readonly transport: HostTransport;
  private readonly tuning: HostTuning;
  private readonly ticks: TickClock;
  private readonly watches: Watches;
  /** Observers of the applied state, which — unlike `watches` — do not keep the group awake. */
  private readonly observers: Watches;
  protected readonly proposals: Waiters<R>;
  private readonly reads: Waiters<number>;
  /** Which waiters go out in the next flush, and which await each ReadIndex round. */
  private readonly calls = new CallBatches();
  private readonly admin: LeaderAdmin;
  private readonly incarnation: string;
  private nextRequest = 0;
  /** Calls held while this replica campaigns, served once the election settles. */
  private readonly elections: ElectionWait;
  /** Whether the election this replica is in settled in the Ready being drained. */
  private electionSettled = false;
  /** Whether any peer has spoken since this replica started (see `refuseNotLeader`). */
  private heardFromPeers = false;
  /** When a message from each peer last arrived (host clock, ms), for status reports. */
  private readonly lastHeard = new Map<NodeId, number>();
  /** Whether this replica resumed the term it led before a restart (see `refuseNotLeader`). */
  private resuming = false;
  /** Whether this life's timers were ever started (false: loaded from disk, untouched since). */
  private woken = false;
  private pumping = false;
  private pumpAgain = false;

  constructor(options: HostOptions<C, R>) {
    const { tuning, loaded } = options;
    this.id = options.id;
    this.app = options.app;
    this.clock = options.clock;
    this.alarmPort = options.alarm;
    this.alarmAt = options.alarmAt;
    this.events = options.events;
    this.transport = options.transport;
    this.tuning = tuning;
    this.incarnation = options.incarnation;
    this.keeper = new LogKeeper(options.log, loaded, tuning);
    const snapshot = loaded.storage.snapshot();
    if (snapshot.data.byteLength > 0) this.app.machine.restore(snapshot.data);
    this.node = buildNode(
      options.engine ?? { name: "raft" },
      {
        id: this.id,
        storage: loaded.storage,
        rng: options.rng,
        applied: snapshot.meta.index,
        tuning,
      },
      options,
    );
    this.ticks = new TickClock(this.clock.now(), tuning.tickMs, tuning.electionTicks);
    this.watches = new Watches(this.clock);
    this.observers = new Watches(this.clock);
    this.proposals = new Waiters(this.clock);
    this.reads = new Waiters(this.clock);
    this.admin = new LeaderAdmin(this.node, this.watches, tuning, () => this.pump());
    this.elections = new ElectionWait(this.clock, tuning.electionTicks * tuning.tickMs);
    // Rebuild the state machine up to the commit index on disk now, not at the first
    // call: a serializable read or a status after a restart sees what was applied before.
    // No timer starts: a replica loaded only to answer a status read stays quiet.
    this.drain();
  }

  /** The state machine, for reads at the applied state. */
  get machine(): ReplicatedApp<C, R>["machine"] {
    return this.app.machine;
  }

  /** The core's read-only view of the durable log (entries, terms, snapshot). */
  get log(): Storage {
    return this.keeper.storage;
  }

  /** What this replica knows of itself and its group. */
  status(): HostStatus {
    return hostStatus(this.node.status(), this.woken, this.keeper.lastLeader, this.lastHeard);
  }

  /** Whether client calls are still waiting on the log. */
  get busy(): boolean {
    return this.proposals.size > 0 || this.reads.size > 0 || this.watches.size > 0;
  }

  /** Starts an election now: a new group's first replica, so it need not wait a timeout. */
  campaign(): void {
    this.node.campaign();
    this.pump();
  }

  /** Steps messages from peers (their calls, or the replies to ours). */
  step(messages: readonly CoreMessage[]): void {
    this.heardFromPeers = true;
    const now = this.clock.now();
    for (const m of messages) {
      this.lastHeard.set(m.from, now);
      this.node.step(m);
    }
    this.pump();
  }

  /** One tick, for hand-driven scenarios; runtimes call `alarm`. */
  tick(): void {
    this.node.tick();
    this.pump();
  }

  /** The alarm fired: ticks for the time that passed; a leader proposes its due work. */
  alarm(): void {
    this.alarmAt = null;
    const now = this.clock.now();
    const ticks = this.ticks.take(now);
    for (let i = 0; i < ticks; i++) this.node.tick();
    const due = this.serving() ? this.app.dueWork?.(now) : undefined;
    if (due !== undefined) this.node.propose([this.encode("", due)]);
    this.pump();
  }

  /** When the next alarm should fire (null: none — the group is quiet and owes nothing). */
  nextWakeAt(): number | null {
    const status = this.node.status();
    const active = !status.quiesced || this.busy;
    const deadline = status.role === "leader" ? (this.app.nextDeadline?.() ?? null) : null;
    const next = this.ticks.nextAlarm(this.clock.now(), active, deadline);
    return next === null ? null : Math.max(next, this.clock.now());
  }

  /** Proposes a command; `done` hears its result once applied, or why there is none. */
  propose(command: C, done: Done<R>): void {
    if (!this.serving()) {
      this.refuseOrHold(() => this.propose(command, done), done);
      return;
    }
    if (this.proposals.size >= this.tuning.maxWaitingWrites) {
      done(overloaded(`${this.proposals.size} writes are waiting already; retry shortly`));
      return;
    }
    const id = this.requestId();
    const stamped = this.app.stamp ? this.app.stamp(command, this.clock.now()) : command;
    this.proposals.wait(
      id,
      this.tuning.callTimeoutMs,
      unknown("no commit within the timeout"),
      done,
    );
    if (this.calls.addProposal(id, this.encode(id, stamped))) {
      this.soon(() => this.flushProposals());
    }
  }

  /**
   * A linearizable read: `query` runs against the state machine once a ReadIndex round
   * confirmed leadership and the state caught up with it. Reads arriving together share
   * one round.
   */
  read<T>(query: () => T, done: Done<T>): void {
    if (!this.serving()) {
      this.refuseOrHold(() => this.read(query, done), done);
      return;
    }
    if (this.reads.size >= this.tuning.maxWaitingReads) {
      done(overloaded(`${this.reads.size} reads are waiting already; retry shortly`));
      return;
    }
    const id = this.requestId();
    this.reads.wait(
      id,
      this.tuning.callTimeoutMs,
      unavailable("leadership not confirmed within the timeout"),
      (outcome) => done(outcome.ok ? { ok: true, value: query() } : outcome),
    );
    if (this.calls.addRead(id)) this.soon(() => this.flushReads());
  }

  /**
   * Waits until `look` finds something in the applied state — checked after every drain,
   * so it resolves at the step that applies it — or `timeoutMs` pass; `done` hears what
   * was found, or undefined. A long poll (watch events), so it keeps no timer of the
   * group running and costs nothing while the group is quiet.
   */
  observe<T>(
    look: () => T | undefined,
    timeoutMs: number,
    done: (found: T | undefined) => void,
  ): void {
    const now = look();
    if (now !== undefined) {
      done(now);
      return;
    }
    this.observers.add(
      () => look() !== undefined,
      timeoutMs,
      () => done(look()),
      () => done(undefined),
    );
  }

  /** Adds replica `id`: as a learner, promoted to voter once it has caught up. */
  addMember(id: NodeId, done: Done<ConfState>): void {
    if (!this.serving()) {
      done(this.refuseNotLeader());
      return;
    }
    this.admin.addMember(id, done);
  }

  /** Proposes one membership change as asked (`addMember` is the safe way to add). */
  changeMembership(change: ConfChange, done: Done<ConfState>): void {
    if (!this.serving()) {
      done(this.refuseNotLeader());
      return;
    }
    this.admin.change(change, done);
  }

  /** Removes replica `id` (voter or learner; the leader must transfer first). */
  removeMember(id: NodeId, done: Done<ConfState>): void {
    if (!this.serving()) {
      done(this.refuseNotLeader());
      return;
    }
    this.admin.change({ type: "remove", node: id }, done);
  }

  /** Hands leadership to replica `to`; settles once it leads. */
  transferLeadership(to: NodeId, done: Done<{ leader: NodeId }>): void {
    if (!this.serving()) {
      done(this.refuseNotLeader());
      return;
    }
    this.admin.transfer(to, done);
  }

  /** Ends this life of the replica: every waiting call learns it cannot know its outcome. */
  stop(): void {
    this.elections.refuseAll();
    this.proposals.settleAll(unknown("the replica stopped"));
    this.calls.forgetReads();
    this.reads.settleAll(unavailable("the replica stopped"));
    this.watches.clear();
    this.observers.clear();
  }

  /**
   * The answer to a call only a leader serves. Asked to serve, a replica wakes if quiet
   * so its timers run (after a restart nothing else may start them); with no leader known
   * and no word from any peer since it started — every replica restarted while the group
   * was idle — it acts at once rather than after an election timeout: if its disk says
   * it led its current term, it resumes leading it (one round of appends confirms that,
   * instead of the two rounds of an election and one for a new leader's first entry);
   * else it campaigns. Only then: campaigning on every ask would duel elections.
   */
  protected refuseNotLeader(): CallOutcome<never> {
    this.node.wake();
    const status = this.node.status();
    if (status.lead === 0 && status.role === "follower" && !this.heardFromPeers) {
      this.heardFromPeers = true; // once: a second ask waits for the election timer
      if (this.keeper.ledTerm(this.id, status.term) && this.node.resume(status.term)) {
        this.resuming = true;
      } else {
        this.node.campaign();
      }
    }
    this.pump();
    return this.notLeader();
  }

  /**
   * A call that only a leader serves, arriving while this replica does not lead: refused
   * with the leader to ask — or, when this replica is campaigning (often because the ask
   * itself started the election), held until the election settles and then run again.
   * After every replica was evicted, the first call is so served by the election it
   * starts instead of sending its client away to back off and retry.
   */
  private refuseOrHold<T>(retry: () => void, done: Done<T>): void {
    const refusal = this.refuseNotLeader();
    const held = this.elections.size + this.proposals.size + this.reads.size;
    const limit = this.tuning.maxWaitingWrites + this.tuning.maxWaitingReads;
    if (!this.campaigning() || held >= limit) {
      done(refusal);
      return;
    }
    this.elections.hold(retry, () => done(this.notLeader()));
  }

  /**
   * A refusal naming the leader this replica knows of now (0: none, or itself while it is
   * not yet confirmed) and the voters.
   */
  private notLeader(): CallOutcome<never> {
    const status = this.node.status();
    const leader = this.awaitingConfirmation() ? 0 : status.lead;
    return { ok: false, reason: "not_leader", leader, voters: status.conf.voters };
  }

  /** Whether this replica is in an election, or resumed leading and awaits confirmation. */
  private campaigning(): boolean {
    const role = this.node.softState().role;
    if (role === "leader") return this.awaitingConfirmation();
    return role === "candidate" || role === "preCandidate";
  }

  /** Whether this replica resumed leading and no quorum has acknowledged it yet. */
  private awaitingConfirmation(): boolean {
    return this.resuming && !this.node.leadershipConfirmed();
  }

  /** Proposes one batch of commands to the core. */
  protected proposeBatch(batch: readonly QueuedProposal[]): Refusal | undefined {
    return this.node.propose(batch.map((item) => item.data));
  }

  /** Asks the core for one read index for every waiter of the batch. */
  protected requestReadIndex(context: string): Refusal | undefined {
    return this.node.readIndex(context);
  }

  /** Drains what the core has to say, then sets the alarm it needs (or clears it). */
  protected pump(): void {
    if (this.drain()) this.armAlarm();
  }

  /**
   * Drains Readys until the core has nothing more to say: persist, send, apply, advance;
   * then snapshots when due, checks watches and runs calls held for an election that
   * settled. False when this was a nested call (the outer drain goes on).
   */
  private drain(): boolean {
    if (this.pumping) {
      this.pumpAgain = true;
      return false;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.node.hasReady()) {
          const rd = this.node.ready();
          this.persist(rd);
          if (rd.messages.length > 0) this.transport.send(rd.messages);
          this.apply(rd);
          this.node.advance(rd);
        }
      } while (this.pumpAgain);
    } catch (error) {
      // A Ready half handled leaves memory ahead of disk: restart from storage instead.
      this.events.failed(`replica failed while handling a Ready: ${String(error)}`);
      throw error;
    } finally {
      this.pumping = false;
    }
    const status = this.node.status();
    this.keeper.snapshotIfDue(status.applied, status.conf, () => this.app.machine.snapshot());
    this.watches.check();
    this.observers.check();
    if (this.resuming && !this.campaigning()) {
      this.resuming = false;
      this.electionSettled = true;
    }
    if (this.electionSettled) {
      this.electionSettled = false;
      this.elections.settle();
    }
    return true;
  }

  /**
   * Sets the alarm when one is needed sooner than the one set; clears it when quiet.
   * Every drain ends here; a runtime calls it itself only to start a new replica's timers.
   */
  armAlarm(): void {
    this.woken = true;
    const next = this.nextWakeAt();
    if (next === null) {
      // Once per quiet spell, even when the last alarm has just fired and none is set.
      if (this.quiet) return;
      this.quiet = true;
      this.alarmAt = null;
      this.keeper.quiet(this.node.status(), () => this.app.machine.snapshot());
      this.alarmPort.clear();
      return;
    }
    this.quiet = false;
    if (this.alarmAt === null || this.alarmAt > next) {
      this.alarmAt = next;
      this.alarmPort.set(next);
    }
  }

  private persist(rd: Ready<CoreMessage>): void {
    this.keeper.persist(rd);
    if (rd.snapshot) this.app.machine.restore(rd.snapshot.data);
  }

  private apply(rd: Ready<CoreMessage>): void {
    if (rd.softState) {
      if (rd.softState.role === "leader") this.events.becameLeader?.(this.node.status().term);
      else this.leadershipLost();
      if (!this.campaigning()) this.electionSettled = true;
    }
    for (const entry of rd.committedEntries) this.applyEntry(entry);
    this.calls.confirm(rd.readStates);
    const applied = Math.max(this.node.status().applied, rd.committedEntries.at(-1)?.index ?? 0);
    for (const { waiter, index } of this.calls.servable(applied)) {
      this.reads.settle(waiter, { ok: true, value: index });
    }
  }

  /**
   * Writes in flight may or may not commit under the next leader: their callers must
   * hear `unknown`. A read has no effect, so one that can no longer be confirmed is
   * simply refused.
   */
  protected leadershipLost(): void {
    this.proposals.settleAll(unknown("leadership lost before the write was known to commit"));
    for (const waiter of this.calls.forgetReads()) {
      this.reads.settle(waiter, unavailable("not the leader (any more)"));
    }
  }

  private applyEntry(entry: Entry): void {
    this.keeper.applied(entry);
    this.events.applied?.(entry);
    if (entry.type === "conf") {
      this.node.applyConfChange(decodeConfChange(entry.data));
      return;
    }
    if (entry.data.byteLength === 0) return;
    const logged = JSON.parse(decoder.decode(entry.data)) as LoggedCommand<C>;
    const result = this.app.machine.apply(logged.c, entry.index);
    this.proposals.settle(logged.r, { ok: true, value: result });
  }

  /** Proposes every command that arrived since the last flush as one batch. */
  private flushProposals(): void {
    const batch = this.calls.takeProposals();
    if (batch.length === 0) return;
    const refusal = this.isLeader() ? this.proposeBatch(batch) : undefined;
    const failure = !this.isLeader()
      ? unavailable("not the leader (any more)")
      : refusal && refusalOutcome(refusal);
    if (failure) {
      for (const item of batch) this.proposals.settle(item.id, failure);
      return;
    }
    this.pump();
  }

  /** Sends one ReadIndex request for every read that arrived since the last flush. */
  private flushReads(): void {
    const waiters = this.calls.takeReads();
    if (waiters.length === 0) return;
    const context = this.requestId();
    const refusal = this.isLeader()
      ? this.requestReadIndex(context)
      : { reason: "no_leader" as const, detail: "not the leader (any more)" };
    if (refusal) {
      const failure = refusalOutcome(refusal);
      for (const waiter of waiters) this.reads.settle(waiter, failure);
    } else {
      this.calls.awaitIndex(context, waiters);
    }
    this.pump();
  }

  /** Runs a flush after the batch window, or at once when batching is off. */
  private soon(flush: () => void): void {
    if (this.tuning.batchWindowMs === null) flush();
    else this.clock.after(this.tuning.batchWindowMs, flush);
  }

  private isLeader(): boolean {
    return this.node.softState().role === "leader";
  }

  /** Whether this replica leads and may serve calls (a resumed leader once confirmed). */
  private serving(): boolean {
    return this.isLeader() && !this.awaitingConfirmation();
  }

  private requestId(): string {
    return `${this.incarnation}:${this.nextRequest++}`;
  }

  private encode(id: string, command: C): Uint8Array {
    const logged: LoggedCommand<C> = { r: id, c: command };
    return encoder.encode(JSON.stringify(logged));
  }
}
