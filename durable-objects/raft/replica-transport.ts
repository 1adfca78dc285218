/**
 * How a replica talks to its peers: one `deliver` RPC per peer per batch of messages,
 * whose return value carries the peer's replies to the caller — so a round trip costs one
 * call. Dev-only faults (partition, drop, delay) are applied here, on both the way out and
 * the way back, so every other code path runs as in production. A failed call is a
 * dropped message: the core retries, the replica never crashes on it.
 */
import type { CoreMessage } from "../../shared/consensus/host/consensus-node";
import { delayFor, dropped, type FaultPlan, linkOpen } from "./fault-plan";

/** The peer side of the transport. */
export interface PeerEndpoint {
  deliver(messages: CoreMessage[]): Promise<CoreMessage[]>;
}

export class ReplicaTransport {
  /** Faults in force at this replica (empty: none). */
  faults: FaultPlan = {};
  /** Calls sent to peers since this object started. */
  callsOut = 0;
  /** While serving a peer's call: who called, and the replies that ride back to it. */
  private replyTo = 0;
  private replies: CoreMessage[] = [];

  constructor(
    private readonly self: () => number,
    private readonly peer: (id: number) => PeerEndpoint | null,
    private readonly onReplies: (replies: CoreMessage[]) => void,
  ) {}

  /** Whether a message from `from` may arrive here. */
  accepts(from: number): boolean {
    return linkOpen(this.faults, from, this.self());
  }

  /** Runs `handle` as the handling of `from`'s call and returns what it said back to `from`. */
  serve(from: number, handle: () => void): CoreMessage[] {
    this.replyTo = from;
    this.replies = [];
    try {
      handle();
    } finally {
      this.replyTo = 0;
    }
    const replies = this.replies;
    this.replies = [];
    return replies;
  }

  /** Sends messages, one call per peer; replies to the caller being served ride back on its call. */
  send(messages: CoreMessage[]): void {
    const byPeer = new Map<number, CoreMessage[]>();
    for (const m of messages) {
      if (m.to === this.replyTo) {
        this.replies.push(m);
        continue;
      }
      const batch = byPeer.get(m.to) ?? [];
      batch.push(m);
      byPeer.set(m.to, batch);
    }
    for (const [to, batch] of byPeer) void this.sendBatch(to, batch);
  }

  private async sendBatch(to: number, batch: CoreMessage[]): Promise<void> {
    const peer = this.peer(to);
    if (!peer || !linkOpen(this.faults, this.self(), to) || dropped(this.faults, Math.random()))
      return;
    const delay = delayFor(this.faults, Math.random());
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    this.callsOut++;
    let replies: CoreMessage[];
    try {
      replies = await peer.deliver(batch);
    } catch {
      return; // an unreachable peer is a dropped message; the core retries
    }
    if (!dropped(this.faults, Math.random())) this.onReplies(replies);
  }
}
