/**
 * A deterministic network for DHT cores on a virtual clock. Nodes are pure actors; the
 * network delivers their envelopes after a seeded random latency, calls `tick` when a node
 * asks to be woken, and drops whatever is addressed to a node that has crashed or left —
 * the sender then sees a timeout, exactly as a Durable Object would see a failed call.
 */
import type { Rng } from "../../rng";
import { EventQueue } from "./event-queue";

/** The part of a core's `Ready` the simulator acts on. */
export interface SimReady<E, D> {
  send: E[];
  done: D[];
  wakeAt: number | undefined;
}

/** A core as the simulator drives it. */
export interface SimActor<E, D> {
  handle(env: E, now: number): SimReady<E, D>;
  tick(now: number): SimReady<E, D>;
}

export interface LatencyModel {
  /** Fewest ticks a message spends in flight. */
  min: number;
  /** Most ticks a message spends in flight. */
  max: number;
}

type Event<E> = { kind: "deliver"; env: E } | { kind: "tick"; addr: string };

export class SimNetwork<E extends { from: string; to: string }, D> {
  now = 0;
  /** Envelopes handed to the network, and those dropped because their target was gone. */
  sent = 0;
  dropped = 0;
  private readonly queue = new EventQueue<Event<E>>();
  private readonly nodes = new Map<string, SimActor<E, D>>();
  /** Invariant: the time of the one live tick event queued for a node, if any. */
  private readonly tickAt = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly latency: LatencyModel,
    private readonly onDone: (addr: string, done: D) => void,
  ) {}

  add(addr: string, actor: SimActor<E, D>): void {
    this.nodes.set(addr, actor);
  }

  /** Removes a node without warning (a crash, or the end of a graceful leave). */
  remove(addr: string): void {
    this.nodes.delete(addr);
    this.tickAt.delete(addr);
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
      const delay = this.latency.min + this.rng.int(this.latency.max - this.latency.min + 1);
      this.queue.push(this.now + delay, { kind: "deliver", env });
    }
    for (const done of ready.done) this.onDone(addr, done);
    if (ready.wakeAt !== undefined && this.nodes.has(addr)) {
      const at = Math.max(ready.wakeAt, this.now);
      const queued = this.tickAt.get(addr);
      if (queued === undefined || at < queued) {
        this.tickAt.set(addr, at);
        this.queue.push(at, { kind: "tick", addr });
      }
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
      const actor = this.nodes.get(event.addr);
      if (actor) this.apply(event.addr, actor.tick(this.now));
      return;
    }
    const actor = this.nodes.get(event.env.to);
    if (!actor) {
      this.dropped++;
      return;
    }
    this.apply(event.env.to, actor.handle(event.env, this.now));
  }
}
