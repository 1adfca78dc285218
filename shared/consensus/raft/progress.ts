/**
 * The leader's view of one follower (§5.3 nextIndex/matchIndex), plus the flow control
 * of etcd-style replication:
 * - `probe`: one append in flight at a time until the follower's match is found;
 * - `replicate`: appends are pipelined optimistically, at most `maxInflight` unacknowledged;
 * - `snapshot`: a snapshot was sent; appends pause until it is acknowledged or times out.
 */
export type ProgressState = "probe" | "replicate" | "snapshot";

export class Progress {
  /** Highest index known to be replicated on the follower. */
  match = 0;
  /** Next index to send. Invariant: match < next. */
  next: number;
  state: ProgressState = "probe";
  /** In `snapshot` state, the index of the snapshot in flight. */
  pendingSnapshot = 0;
  /** Set when the snapshot in flight has survived one election-timeout boundary. */
  snapshotStale = false;
  /** Heard from since the last check-quorum round. */
  recentActive = false;
  /** In `probe` state, a probe is outstanding. */
  probeSent = false;
  readonly isLearner: boolean;
  /** Last indexes of appends in flight, oldest first (replicate state only). */
  private inflight: number[] = [];
  private readonly maxInflight: number;

  constructor(next: number, maxInflight: number, isLearner: boolean) {
    this.next = next;
    this.maxInflight = maxInflight;
    this.isLearner = isLearner;
  }

  becomeProbe(): void {
    this.next =
      this.state === "snapshot"
        ? Math.max(this.match + 1, this.pendingSnapshot + 1)
        : this.match + 1;
    this.enter("probe");
  }

  becomeReplicate(): void {
    this.next = this.match + 1;
    this.enter("replicate");
  }

  becomeSnapshot(index: number): void {
    this.enter("snapshot");
    this.pendingSnapshot = index;
  }

  /** Records an acknowledgement of `index`; returns whether match advanced. */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      this.probeSent = false;
      updated = true;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /** Records an append up to `last` just sent. */
  sentEntries(last: number): void {
    if (this.state === "replicate") {
      this.next = last + 1;
      this.inflight.push(last);
    } else if (this.state === "probe") {
      this.probeSent = true;
    }
  }

  /** Frees in-flight slots acknowledged by a response up to `index`. */
  freeTo(index: number): void {
    let n = 0;
    while (n < this.inflight.length && (this.inflight[n] as number) <= index) n++;
    if (n > 0) this.inflight.splice(0, n);
  }

  /** Frees the oldest in-flight slot so a heartbeat response can restart a stalled pipe. */
  freeFirst(): void {
    this.inflight.shift();
  }

  inflightFull(): boolean {
    return this.inflight.length >= this.maxInflight;
  }

  /**
   * Handles a rejection of the append whose previous index was `rejected`; `hint` is the
   * leader-side guess of the follower's last matching index. Returns false for a stale
   * rejection.
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === "replicate") {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  isPaused(): boolean {
    switch (this.state) {
      case "probe":
        return this.probeSent;
      case "replicate":
        return this.inflightFull();
      case "snapshot":
        return true;
    }
  }

  private enter(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.snapshotStale = false;
    this.inflight = [];
  }
}
