/**
 * Client calls held while this replica campaigns. A replica asked to serve with no leader
 * known may start an election at once (see `ConsensusHost.refuseNotLeader`); rather than
 * refuse the call and make the client back off and come again, it holds the call until
 * the election settles — it leads, or it follows a leader it can name — and then runs it
 * again as if it had just arrived. A call held longer than its time is refused as it would
 * have been at once. Nothing held has reached the log, so a refusal is always safe.
 */
import type { Cancel, HostClock } from "./ports";

interface Held {
  /** Runs the call again: it is served, redirected or refused as any new call. */
  retry: () => void;
  /** Tells the caller there is still no leader to serve it. */
  refuse: () => void;
  cancel: Cancel;
}

export class ElectionWait {
  private held: Held[] = [];

  constructor(
    private readonly clock: HostClock,
    private readonly timeoutMs: number,
  ) {}

  /** Holds a call until `settle`, or refuses it after the timeout. */
  hold(retry: () => void, refuse: () => void): void {
    const held: Held = { retry, refuse, cancel: () => {} };
    held.cancel = this.clock.after(this.timeoutMs, () => {
      this.held = this.held.filter((h) => h !== held);
      refuse();
    });
    this.held.push(held);
  }

  /** The election settled: every held call runs again, in the order it arrived. */
  settle(): void {
    for (const h of this.release()) h.retry();
  }

  /** This life of the replica ends: every held call is refused. */
  refuseAll(): void {
    for (const h of this.release()) h.refuse();
  }

  /** Takes every held call off its timer and out of the list. */
  private release(): Held[] {
    const held = this.held;
    this.held = [];
    for (const h of held) h.cancel();
    return held;
  }

  get size(): number {
    return this.held.length;
  }
}
