/**
 * How a leader groups the client calls that wait on the log: proposals that arrive
 * together go out as one append (one round to the followers), and linearizable reads that
 * arrive together share one ReadIndex request (one heartbeat round). Pure bookkeeping of
 * ids: the replica around it owns the waiters, schedules each flush (for the next turn of
 * its event loop, so concurrent calls can join) and feeds in what its Readys say.
 */
import type { ReadState } from "./raft/types";

/** A proposal waiting for the next flush: its request id and the entry's bytes. */
export interface QueuedProposal {
  id: string;
  data: Uint8Array;
}

/** A read whose confirmed index has been applied: it may be answered now. */
export interface ServableRead {
  waiter: string;
  index: number;
}

export class CallBatches {
  /** Proposals since the last `takeProposals`, in arrival order. */
  private proposals: QueuedProposal[] = [];
  /** Read waiters since the last `takeReads`. */
  private reads: string[] = [];
  /** The waiters of each ReadIndex request in flight, by its context. */
  private readonly readGroups = new Map<string, string[]>();
  /**
   * Read indexes confirmed by a quorum, by context, until the applied index reaches them.
   * Every key is also a key of `readGroups`.
   */
  private readonly confirmed = new Map<string, number>();

  /** Queues a proposal; true when it is the first since the last flush (schedule one). */
  addProposal(id: string, data: Uint8Array): boolean {
    this.proposals.push({ id, data });
    return this.proposals.length === 1;
  }

  /** The queued proposals, to be proposed as one batch; the queue is left empty. */
  takeProposals(): QueuedProposal[] {
    const batch = this.proposals;
    this.proposals = [];
    return batch;
  }

  /** Queues a read waiter; true when it is the first since the last flush (schedule one). */
  addRead(waiter: string): boolean {
    this.reads.push(waiter);
    return this.reads.length === 1;
  }

  /** The queued read waiters, to share one ReadIndex request; the queue is left empty. */
  takeReads(): string[] {
    const waiters = this.reads;
    this.reads = [];
    return waiters;
  }

  /** Records that a ReadIndex request under `context` was made for `waiters`. */
  awaitIndex(context: string, waiters: string[]): void {
    if (waiters.length > 0) this.readGroups.set(context, waiters);
  }

  /** Takes in the read states of a Ready: read indexes a quorum confirmed. */
  confirm(readStates: readonly ReadState[]): void {
    for (const state of readStates) {
      if (this.readGroups.has(state.context)) this.confirmed.set(state.context, state.index);
    }
  }

  /** The reads whose confirmed index is at or below `applied`, removed from the book. */
  servable(applied: number): ServableRead[] {
    const out: ServableRead[] = [];
    for (const [context, index] of this.confirmed) {
      if (index > applied) continue;
      this.confirmed.delete(context);
      for (const waiter of this.readGroups.get(context) ?? []) out.push({ waiter, index });
      this.readGroups.delete(context);
    }
    return out;
  }

  /**
   * Leadership was lost: no confirmation of it can be trusted to answer a read any more.
   * Returns every read waiter in flight or queued, now forgotten; queued proposals stay
   * (their flush finds this replica no longer leads and refuses them).
   */
  forgetReads(): string[] {
    const waiters = [...this.reads, ...[...this.readGroups.values()].flat()];
    this.reads = [];
    this.readGroups.clear();
    this.confirmed.clear();
    return waiters;
  }
}
