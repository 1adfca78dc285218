/**
 * Drains a DHT core's `Ready` inside a ring-node Durable Object, the same way for Chord and
 * Kademlia: persist the routing state, settle finished client operations, set the alarm,
 * then send. A request is one DO RPC whose return value carries the peer's responses, which
 * are fed straight back into the core; a call that throws is reported to the core as
 * undeliverable, so a dead peer costs one failed call, not a timeout. Envelopes to one
 * peer go in order (a hand-off must arrive before the notice that follows it); different
 * peers are called concurrently. `run` resolves once everything it set off has settled.
 */
import type { Envelope, Ready } from "../../shared/dht/envelope";

/** The core and the world as the driver sees them. */
export interface DriverPort<Req, Res, State, Done> {
  handle(env: Envelope<Req, Res>): Ready<Req, Res, State, Done>;
  undeliverable(env: Envelope<Req, Res>): Ready<Req, Res, State, Done>;
  persist(state: State): void;
  /** Calls the peer `env.to`; resolves to the responses it sends back. */
  call(env: Envelope<Req, Res>): Promise<Envelope<Req, Res>[]>;
  /** After each step: whether routing state changed, and the core's next wake tick. */
  stepped(changed: boolean, wakeAt: number | undefined): void;
}

export class CoreDriver<Req, Res, State, Done extends { op: number }> {
  private readonly waiters = new Map<number, (done: Done) => void>();
  /** Peer calls made and failed, for status and tests. */
  callsOut = 0;
  callsFailed = 0;

  constructor(private readonly port: DriverPort<Req, Res, State, Done>) {}

  /** Resolves when the core reports operation `op` finished. */
  wait(op: number): Promise<Done> {
    return new Promise((resolve) => this.waiters.set(op, resolve));
  }

  /** Drains one step's output and everything it causes. */
  async run(ready: Ready<Req, Res, State, Done>): Promise<void> {
    if (ready.persist !== undefined) this.port.persist(ready.persist);
    for (const done of ready.done) {
      const waiter = this.waiters.get(done.op);
      this.waiters.delete(done.op);
      waiter?.(done);
    }
    this.port.stepped(ready.persist !== undefined, ready.wakeAt);
    const byPeer = new Map<string, Envelope<Req, Res>[]>();
    for (const env of ready.send) {
      const queue = byPeer.get(env.to);
      if (queue) queue.push(env);
      else byPeer.set(env.to, [env]);
    }
    await Promise.all(
      [...byPeer.values()].map(async (queue) => {
        for (const env of queue) await this.sendOne(env);
      }),
    );
  }

  private async sendOne(env: Envelope<Req, Res>): Promise<void> {
    let replies: Envelope<Req, Res>[];
    this.callsOut++;
    try {
      replies = await this.port.call(env);
    } catch {
      this.callsFailed++;
      await this.run(this.port.undeliverable(env));
      return;
    }
    for (const reply of replies) await this.run(this.port.handle(reply));
  }
}
