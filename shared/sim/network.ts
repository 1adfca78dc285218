import type { Rng } from "../rng";
import type { EventQueue } from "./event-queue";

/** Probabilistic link faults, applied to every message independently. */
export interface LinkFaults {
  /** Probability a message is lost. */
  drop: number;
  /** Probability a message is delivered twice. */
  duplicate: number;
  /** Probability a message gets an extra delay of up to `delayMaxMs` (reordering it). */
  delay: number;
  delayMaxMs: number;
}

export const NO_FAULTS: LinkFaults = { drop: 0, duplicate: 0, delay: 0, delayMaxMs: 0 };

/**
 * One-way latency in milliseconds, drawn uniformly from a range: the same range on every
 * link, or a range per link (a wide-area latency matrix).
 */
export type LinkLatency =
  | readonly [number, number]
  | ((from: number, to: number) => readonly [number, number]);

/**
 * A simulated network between numbered endpoints. Links can be cut one way (asymmetric
 * partitions) or both ways; a message on a link that is cut when it is sent or when it
 * would arrive is lost. Invariant: `sent = delivered + dropped + in flight` (duplicates
 * count as extra sends).
 */
export class SimNetwork<M> {
  faults: LinkFaults = NO_FAULTS;
  /** Test hook: messages for which this returns true are dropped. */
  dropIf: ((from: number, to: number, m: M) => boolean) | undefined;
  sent = 0;
  delivered = 0;
  dropped = 0;
  private readonly cut = new Set<string>();
  private readonly queue: EventQueue;
  private readonly rng: Rng;
  private readonly latency: LinkLatency;
  private readonly deliver: (to: number, m: M) => void;

  constructor(
    queue: EventQueue,
    rng: Rng,
    latencyMs: LinkLatency,
    deliver: (to: number, m: M) => void,
  ) {
    this.queue = queue;
    this.rng = rng;
    this.latency = latencyMs;
    this.deliver = deliver;
  }

  send(from: number, to: number, m: M): void {
    this.sent++;
    if (this.isCut(from, to) || this.dropIf?.(from, to, m) || this.rng.chance(this.faults.drop)) {
      this.dropped++;
      return;
    }
    const copies = this.rng.chance(this.faults.duplicate) ? 2 : 1;
    if (copies === 2) this.sent++;
    for (let c = 0; c < copies; c++) {
      const [lo, hi] = typeof this.latency === "function" ? this.latency(from, to) : this.latency;
      let delay = this.rng.range(lo, hi);
      if (this.rng.chance(this.faults.delay)) delay += this.rng.int(this.faults.delayMaxMs + 1);
      this.queue.after(delay, () => {
        if (this.isCut(from, to)) {
          this.dropped++;
          return;
        }
        this.delivered++;
        this.deliver(to, m);
      });
    }
  }

  isCut(from: number, to: number): boolean {
    return this.cut.size > 0 && this.cut.has(`${from}>${to}`);
  }

  cutLink(from: number, to: number): void {
    this.cut.add(`${from}>${to}`);
  }

  /** Cuts every link between different groups, both ways. */
  partition(groups: readonly (readonly number[])[]): void {
    for (const a of groups) {
      for (const b of groups) {
        if (a === b) continue;
        for (const x of a) for (const y of b) this.cutLink(x, y);
      }
    }
  }

  /** Cuts `id` off from every other endpoint in `all`, both ways. */
  isolate(id: number, all: readonly number[]): void {
    this.partition([[id], all.filter((x) => x !== id)]);
  }

  healAll(): void {
    this.cut.clear();
  }
}
