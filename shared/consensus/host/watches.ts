/**
 * Calls that wait for a condition on the replica's state — a membership change applied,
 * a learner caught up, a new leader in office — checked after every drain of the core
 * instead of polled, so they resolve at the step that makes them true, in simulated and
 * wall-clock time alike.
 */
import type { Cancel, HostClock } from "./ports";

interface Watch {
  condition: () => boolean;
  met: () => void;
  cancel: Cancel;
}

export class Watches {
  private watches: Watch[] = [];

  constructor(private readonly clock: HostClock) {}

  /** Calls `met` once `condition` holds at a check, or `expired` after `timeoutMs`. */
  add(condition: () => boolean, timeoutMs: number, met: () => void, expired: () => void): void {
    const watch: Watch = {
      condition,
      met,
      cancel: this.clock.after(timeoutMs, () => {
        if (this.remove(watch)) expired();
      }),
    };
    this.watches.push(watch);
  }

  /** Resolves every watch whose condition holds now. */
  check(): void {
    for (const watch of [...this.watches]) {
      if (!watch.condition() || !this.remove(watch)) continue;
      watch.cancel();
      watch.met();
    }
  }

  /** Ends every watch without calling it back (the replica stops). */
  clear(): void {
    for (const watch of this.watches) watch.cancel();
    this.watches = [];
  }

  get size(): number {
    return this.watches.length;
  }

  private remove(watch: Watch): boolean {
    const at = this.watches.indexOf(watch);
    if (at < 0) return false;
    this.watches.splice(at, 1);
    return true;
  }
}
