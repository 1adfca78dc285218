/**
 * A deterministic network for DHT cores on a virtual clock. Nodes are pure actors; the
 * network delivers their envelopes after a seeded random latency, calls `tick` when a node
 * asks to be woken, and drops whatever is addressed to a node that has crashed or left —
 * the sender then sees a timeout.
 *
 * With `NetworkOptions` it runs the ports a Durable Object host has instead: a request to a
 * missing node fails at once (`failFast`, as a DO call to a dead node throws), and each
 * node's ticks are its one alarm as the production `WakePolicy` commands it (`wake`), so a
 * node that has gone quiet is not woken by the simulator either.
 */
import type { Rng } from "../../rng";
import type { AlarmCommand, WakePolicy } from "../wake-policy";
import { EventQueue } from "./event-queue";

/** The part of a core's `Ready` the simulator acts on. */
export interface SimReady<E, D> {
  /** Present when the step changed routing state (what the wake policy watches). */
  persist?: unknown;
  send: E[];
  done: D[];
  wakeAt: number | undefined;
}

/** A core as the simulator drives it. */
export interface SimActor<E, D> {
  handle(env: E, now: number): SimReady<E, D>;
  undeliverable(env: E, now: number): SimReady<E, D>;
  tick(now: number): SimReady<E, D>;
}

/** How closely the network models a Durable Object host (defaults: not at all). */
export interface NetworkOptions {
  /** A request to a node that is gone fails at its sender at once, not at its deadline. */
  failFast?: boolean;
  /** Each node's alarm policy, made when the node is added; ticks only as it commands. */
  wake?: () => WakePolicy;
}

export interface LatencyModel {
  /** Fewest ticks a message spends in flight. */
  min: number;
  /** Most ticks a message spends in flight. */
  max: number;
}

type Event<E> = { kind: "deliver"; env: E } | { kind: "tick"; addr: string };

export class SimNetwork<E extends { type: string; from: string; to: string }, D> {
  now = 0;
  /** Envelopes handed to the network, and those dropped because their target was gone. */
  sent = 0;
  dropped = 0;
  /** Envelopes queued and not yet delivered or dropped. */
  inFlight = 0;
  private readonly queue = new EventQueue<Event<E>>();
  private readonly nodes = new Map<string, SimActor<E, D>>();
  /** Invariant: the time of the one live tick event queued for a node, if any. */
  private readonly tickAt = new Map<string, number>();
  /** Each node's alarm policy, with `options.wake` only. */
  private readonly policies = new Map<string, WakePolicy>();

  constructor(
    private readonly rng: Rng,
    private readonly latency: LatencyModel,
    private readonly onDone: (addr: string, done: D) => void,
    private readonly options: NetworkOptions = {},
  ) {}

  add(addr: string, actor: SimActor<E, D>): void {
    this.nodes.set(addr, actor);
    if (this.options.wake) this.policies.set(addr, this.options.wake());
  }

  /** Removes a node without warning (a crash, or the end of a graceful leave). */
  remove(addr: string): void {
    this.nodes.delete(addr);
    this.tickAt.delete(addr);
    this.policies.delete(addr);
  }

  /** Keeps node `addr` active (its wake policy's `touch`): it joins, or is asked to maintain. */
  touch(addr: string): void {
    this.policies.get(addr)?.touch(this.now);
  }

  /** Whether node `addr` has a tick (its alarm) pending. */
  alarmSet(addr: string): boolean {
    return this.tickAt.has(addr);
  }

  has(addr: string): boolean {
    return this.nodes.has(addr);
  }

  get size(): number {
    return this.nodes.size;
  }

  addresses(): string[] {
    return [...this.nodes.keys()];
  }

  /** Routes the output of a step taken outside the network (a client operation). */
  apply(addr: string, ready: SimReady<E, D>): void {
    for (const env of ready.send) {
      this.sent++;
      this.inFlight++;
      const delay = this.latency.min + this.rng.int(this.latency.max - this.latency.min + 1);
      this.queue.push(this.now + delay, { kind: "deliver", env });
    }
    for (const done of ready.done) this.onDone(addr, done);
    if (this.nodes.has(addr)) this.schedule(addr, ready);
  }

  /** Sets the node's next tick: as its wake policy commands, or else at its earliest wish. */
  private schedule(addr: string, ready: SimReady<E, D>): void {
    const policy = this.policies.get(addr);
    let command: AlarmCommand = null;
    if (policy) {
      command = policy.stepped(ready.persist !== undefined, ready.wakeAt, this.now);
    } else if (ready.wakeAt !== undefined) {
      const at = Math.max(ready.wakeAt, this.now);
      const queued = this.tickAt.get(addr);
      if (queued === undefined || at < queued) command = { kind: "set", at };
    }
    if (command?.kind === "set") {
      this.tickAt.set(addr, command.at);
      this.queue.push(command.at, { kind: "tick", addr });
    } else if (command?.kind === "delete") {
      this.tickAt.delete(addr);
    }
  }

  /** Processes events up to and including time `until`, or until `stop` holds. */
  run(until: number, stop?: () => boolean): void {
    for (;;) {
      if (stop?.()) return;
      const time = this.queue.peekTime();
      if (time === undefined || time > until) break;
      const event = this.queue.pop();
      if (event === undefined) break;
      this.now = event.time;
      this.step(event.item);
    }
    if (until !== Number.POSITIVE_INFINITY && this.now < until) this.now = until;
  }

  private step(event: Event<E>): void {
    if (event.kind === "tick") {
      if (this.tickAt.get(event.addr) !== this.now) return;
      this.tickAt.delete(event.addr);
      this.policies.get(event.addr)?.fired();
      const actor = this.nodes.get(event.addr);
      if (actor) this.apply(event.addr, actor.tick(this.now));
      return;
    }
    this.inFlight--;
    const env = event.env;
    const actor = this.nodes.get(env.to);
    if (!actor) {
      this.dropped++;
      const sender = this.options.failFast && env.type === "request" && this.nodes.get(env.from);
      if (sender) this.apply(env.from, sender.undeliverable(env, this.now));
      return;
    }
    this.apply(env.to, actor.handle(env, this.now));
  }
}
