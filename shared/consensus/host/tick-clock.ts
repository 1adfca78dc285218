/**
 * When a replica's core ticks, turned into alarm times: while the group is active, one
 * tick per `tickMs` (a late alarm catches up on the ticks it missed, at most a bounded
 * number); while it is quiet, no alarm at all unless the application has a deadline.
 * Invariant: the tick clock restarts when the group wakes, so a replica that was quiet
 * for an hour does not take an hour's worth of ticks at once (which would end a fresh
 * election timeout at the first alarm and start a needless election).
 */
export class TickClock {
  private lastTickAt: number;
  private ticking = false;

  constructor(
    now: number,
    private readonly tickMs: number,
    /** Most ticks one alarm may take (the election timeout: more says nothing new). */
    private readonly maxTicks: number,
  ) {
    this.lastTickAt = now;
  }

  /** The ticks due at `now`, at least one; they count as taken. */
  take(now: number): number {
    const elapsed = Math.floor((now - this.lastTickAt) / this.tickMs);
    this.lastTickAt = now;
    return Math.min(this.maxTicks, Math.max(1, elapsed));
  }

  /**
   * When the next alarm should fire (null: none), given whether the core needs ticks and
   * the application's next deadline.
   */
  nextAlarm(now: number, active: boolean, deadline: number | null): number | null {
    if (active && !this.ticking) this.lastTickAt = now;
    this.ticking = active;
    const tick = active ? this.lastTickAt + this.tickMs : null;
    if (deadline === null) return tick;
    return tick === null ? deadline : Math.min(tick, deadline);
  }
}
