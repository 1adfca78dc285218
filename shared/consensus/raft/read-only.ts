import type { NodeId } from "./types";

/** A read-index request waiting for a quorum to confirm the leader still leads. */
export interface PendingRead {
  /** The leader's commit index when the request arrived. */
  index: number;
  /** Who asked: the leader itself or a follower that forwarded it. */
  from: NodeId;
  context: string;
  acks: Set<NodeId>;
}

/**
 * The leader's queue of ReadIndex requests (thesis §6.4). A heartbeat round carries the
 * newest request's context; once a quorum echoes it, that request and every older one
 * are confirmed, since leadership held at a later moment covers the earlier ones.
 * Invariant: `queue` is in arrival order and holds exactly the keys of `pending`.
 */
export class ReadOnly {
  private pending = new Map<string, PendingRead>();
  private queue: string[] = [];

  add(index: number, from: NodeId, context: string): void {
    if (this.pending.has(context)) return;
    this.pending.set(context, { index, from, context, acks: new Set() });
    this.queue.push(context);
  }

  /** Records `from`'s heartbeat echo of `context`; returns the acknowledgers so far. */
  ack(from: NodeId, context: string): ReadonlySet<NodeId> | undefined {
    const read = this.pending.get(context);
    if (!read) return undefined;
    read.acks.add(from);
    return read.acks;
  }

  /** Removes and returns every request up to and including `context`. */
  confirm(context: string): PendingRead[] {
    const at = this.queue.indexOf(context);
    if (at < 0) return [];
    const done = this.queue.splice(0, at + 1);
    return done.map((ctx) => {
      const read = this.pending.get(ctx) as PendingRead;
      this.pending.delete(ctx);
      return read;
    });
  }

  lastContext(): string | undefined {
    return this.queue[this.queue.length - 1];
  }

  size(): number {
    return this.queue.length;
  }
}
