/**
 * What one step of a DHT node's core gathers as it runs, the same for both overlays: the
 * step's clock (the latest tick seen), envelopes to send — requests registered in the
 * node's `RpcTable`, and responses — and the client operations that finished. A node's
 * context extends it with its overlay's routing state; `takeOutput` hands the gathered
 * envelopes and results to a Ready and starts the next step empty.
 */
import type { Envelope } from "./envelope";
import { RpcTable } from "./rpc-table";

export class StepOutput<Req, Res, Done> {
  readonly rpc: RpcTable<Req, Res>;
  /** The latest tick seen; never decreases. */
  now = 0;
  private out: Envelope<Req, Res>[] = [];
  private finished: Done[] = [];

  constructor(self: string, rpcTimeout: number) {
    this.rpc = new RpcTable(self, rpcTimeout);
  }

  advance(now: number): void {
    if (now > this.now) this.now = now;
  }

  /** Queues an envelope (a response) for this step's output. */
  emit(env: Envelope<Req, Res>): void {
    this.out.push(env);
  }

  /** Reports a finished client operation in this step's output. */
  finish(done: Done): void {
    this.finished.push(done);
  }

  /** Sends a request to `to`; exactly one of the callbacks runs, in a later step. */
  request(to: string, body: Req, onReply: (res: Res) => void, onTimeout: () => void): void {
    this.out.push(this.rpc.request(to, body, this.now, onReply, onTimeout));
  }

  /** The tick of the next wake: the earlier of an RPC deadline and `maintenanceAt`. */
  nextWake(maintenanceAt: number | undefined): number | undefined {
    const deadline = this.rpc.nextDeadline();
    if (deadline === undefined) return maintenanceAt;
    return maintenanceAt === undefined ? deadline : Math.min(deadline, maintenanceAt);
  }

  /** The envelopes and results gathered since the last call. */
  protected takeOutput(): { send: Envelope<Req, Res>[]; done: Done[] } {
    const output = { send: this.out, done: this.finished };
    this.out = [];
    this.finished = [];
    return output;
  }
}
