/**
 * Client calls waiting on the log: proposals wait for their entry to be applied, reads
 * wait for their read index to be applied. Each waiter settles exactly once — with its
 * result, or with the reason it can no longer know one (timeout, lost leadership).
 */

/** How a client call waiting on consensus ended. */
export type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "unknown" | "unavailable"; detail: string };

interface Waiter<T> {
  resolve: (outcome: Settled<T>) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Waiters keyed by request id. */
export class PendingCalls<T> {
  private readonly waiters = new Map<string, Waiter<T>>();

  /** Registers `id`; the promise settles on `settle` or as `onTimeout` after `timeoutMs`. */
  wait(id: string, timeoutMs: number, onTimeout: Settled<T>): Promise<Settled<T>> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, onTimeout), timeoutMs);
      this.waiters.set(id, { resolve, timer });
    });
  }

  has(id: string): boolean {
    return this.waiters.has(id);
  }

  settle(id: string, outcome: Settled<T>): void {
    const waiter = this.waiters.get(id);
    if (!waiter) return;
    this.waiters.delete(id);
    clearTimeout(waiter.timer);
    waiter.resolve(outcome);
  }

  /** Settles every waiter with the same outcome. */
  settleAll(outcome: Settled<T>): void {
    for (const id of [...this.waiters.keys()]) this.settle(id, outcome);
  }

  get size(): number {
    return this.waiters.size;
  }
}

/** Polls `condition` every few ms; false when it is still unmet after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
