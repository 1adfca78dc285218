/**
 * Client calls waiting on the log, by request id: proposals wait for their entry to be
 * applied, reads for their read index. Each waiter settles exactly once — with its
 * outcome, or with the one given at registration when its time runs out.
 */
import type { CallOutcome } from "../call-outcome";
import type { Cancel, HostClock } from "./ports";

/** How a waiting call is told its outcome. */
export type Done<T> = (outcome: CallOutcome<T>) => void;

interface Waiter<T> {
  done: Done<T>;
  cancel: Cancel;
}

export class Waiters<T> {
  private readonly waiting = new Map<string, Waiter<T>>();

  constructor(private readonly clock: HostClock) {}

  /** Registers `id`; it settles on `settle`, or as `onTimeout` after `timeoutMs`. */
  wait(id: string, timeoutMs: number, onTimeout: CallOutcome<T>, done: Done<T>): void {
    const cancel = this.clock.after(timeoutMs, () => this.settle(id, onTimeout));
    this.waiting.set(id, { done, cancel });
  }

  settle(id: string, outcome: CallOutcome<T>): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    waiter.cancel();
    waiter.done(outcome);
  }

  /** Settles every waiter with the same outcome. */
  settleAll(outcome: CallOutcome<T>): void {
    for (const id of [...this.waiting.keys()]) this.settle(id, outcome);
  }

  get size(): number {
    return this.waiting.size;
  }
}
