/**
 * What both overlays' simulator harnesses share: a set of live nodes on a `SimNetwork`,
 * crashes, partitions, maintenance on demand, the passage of time, settling, and running
 * one client operation to completion.
 */
import type { Rng } from "../../rng";
import {
  type LatencyModel,
  type NetworkOptions,
  type SimActor,
  SimNetwork,
  type SimReady,
} from "./network";

/** Longest a single client operation may run before the harness gives up on it, in ticks. */
const OP_LIMIT = 1_000_000;

export interface OverlayNode<E, D> extends SimActor<E, D> {
  readonly self: { addr: string };
  maintainNow(now: number): SimReady<E, D>;
}

export class OverlaySim<
  N extends OverlayNode<E, D>,
  E extends { type: string; from: string; to: string },
  D extends { op: number },
> {
  readonly net: SimNetwork<E, D>;
  readonly nodes = new Map<string, N>();
  private readonly results = new Map<string, D>();
  /** Nodes cut off by `partition`: out of `nodes` and the network, storage kept. */
  private readonly cut = new Map<string, N>();

  constructor(rng: Rng, latency: LatencyModel, options: NetworkOptions = {}) {
    this.net = new SimNetwork(
      rng,
      latency,
      (addr, done) => this.results.set(`${addr}:${done.op}`, done),
      options,
    );
  }

  /** Crashes a node: it stops answering and its keys are gone. */
  fail(addr: string): void {
    this.nodes.delete(addr);
    this.net.remove(addr);
  }

  /**
   * Cuts a node off: it hears nothing and runs no timers, so the others see it as failed,
   * but it keeps its state and storage for `heal`.
   */
  partition(addr: string): void {
    const node = this.node(addr);
    this.fail(addr);
    this.cut.set(addr, node);
  }

  /** Reconnects a partitioned node as it was, and has it run a maintenance round at once. */
  heal(addr: string): void {
    const node = this.cut.get(addr);
    if (!node) throw new Error(`no partitioned node ${addr}`);
    this.cut.delete(addr);
    this.install(node);
    this.maintain(addr);
  }

  /** Runs a maintenance round on `addr` now (as the ring directory asks after a change). */
  maintain(addr: string): void {
    this.net.touch(addr);
    this.net.apply(addr, this.node(addr).maintainNow(this.net.now));
  }

  /** Lets time pass: deliveries, timeouts and maintenance rounds. */
  runFor(ticks: number): void {
    this.net.run(this.net.now + ticks);
  }

  /**
   * Runs until no envelope is in flight: everything set off so far has been answered or
   * dropped, as when a Durable Object's awaited call returns (timers due meanwhile fire).
   */
  settle(): void {
    this.net.run(Number.POSITIVE_INFINITY, () => this.net.inFlight === 0);
  }

  node(addr: string): N {
    const node = this.nodes.get(addr);
    if (!node) throw new Error(`no live node ${addr}`);
    return node;
  }

  protected install(node: N): void {
    this.nodes.set(node.self.addr, node);
    this.net.add(node.self.addr, node);
  }

  /** Installs a node that is about to join: active from the start, as a shell's fresh node. */
  protected installJoining(node: N): void {
    this.install(node);
    this.net.touch(node.self.addr);
  }

  /** Routes a started operation's output and runs the network until it finishes. */
  protected complete(addr: string, started: { op: number; ready: SimReady<E, D> }): D {
    const key = `${addr}:${started.op}`;
    this.net.apply(addr, started.ready);
    this.net.run(this.net.now + OP_LIMIT, () => this.results.has(key));
    const done = this.results.get(key);
    if (!done) throw new Error(`operation ${key} did not finish`);
    this.results.delete(key);
    return done;
  }
}
