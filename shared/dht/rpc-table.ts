/**
 * Outstanding requests of one node: assigns correlation ids, matches responses, and fails
 * requests whose deadline (in ticks) has passed. Callbacks run inside the core step that
 * delivered the response or the tick, so everything they send joins that step's output.
 */
import type { RequestEnvelope, ResponseEnvelope } from "./envelope";

interface Pending<Res> {
  to: string;
  deadline: number;
  onReply: (body: Res) => void;
  onTimeout: () => void;
}

export class RpcTable<Req, Res> {
  /** Invariant: strictly greater than every correlation id in `pending`. */
  private nextCorr = 1;
  private readonly pending = new Map<number, Pending<Res>>();

  constructor(
    private readonly self: string,
    private readonly timeoutTicks: number,
  ) {}

  /** Registers a request and returns the envelope to send. */
  request(
    to: string,
    body: Req,
    now: number,
    onReply: (body: Res) => void,
    onTimeout: () => void,
  ): RequestEnvelope<Req> {
    const corr = this.nextCorr++;
    this.pending.set(corr, { to, deadline: now + this.timeoutTicks, onReply, onTimeout });
    return { type: "request", from: this.self, to, corr, body };
  }

  /** Runs the callback of the matching request; stale or unknown responses are ignored. */
  resolve(response: ResponseEnvelope<Res>): void {
    const entry = this.pending.get(response.corr);
    if (!entry || entry.to !== response.from) return;
    this.pending.delete(response.corr);
    entry.onReply(response.body);
  }

  /**
   * Fails request `corr` at once: the transport knows it cannot be delivered (a Durable
   * Object call that threw), so there is no point waiting for its deadline.
   */
  fail(corr: number): void {
    const entry = this.pending.get(corr);
    if (!entry) return;
    this.pending.delete(corr);
    entry.onTimeout();
  }

  /** Fails every request whose deadline is at or before `now`. */
  expire(now: number): void {
    for (const [corr, entry] of this.pending) {
      if (entry.deadline > now) continue;
      this.pending.delete(corr);
      entry.onTimeout();
    }
  }

  /** The earliest deadline among outstanding requests. */
  nextDeadline(): number | undefined {
    let earliest: number | undefined;
    for (const entry of this.pending.values()) {
      if (earliest === undefined || entry.deadline < earliest) earliest = entry.deadline;
    }
    return earliest;
  }

  get size(): number {
    return this.pending.size;
  }
}
