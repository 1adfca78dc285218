/**
 * The simulator's virtual clock: a priority queue of callbacks keyed by (time, insertion
 * order), so events at equal times run in the order they were scheduled and a run is a
 * pure function of its seed.
 */
interface Scheduled {
  time: number;
  seq: number;
  run: () => void;
}

export class EventQueue {
  /** Current virtual time in milliseconds; only moves forward. */
  now = 0;
  private heap: Scheduled[] = [];
  private seq = 0;

  /** Runs `run` at now + `delay` (delay ≥ 0). */
  after(delay: number, run: () => void): void {
    this.push({ time: this.now + Math.max(0, delay), seq: this.seq++, run });
  }

  size(): number {
    return this.heap.length;
  }

  /** Runs the next event; false when the queue is empty. */
  step(): boolean {
    const event = this.pop();
    if (!event) return false;
    this.now = event.time;
    event.run();
    return true;
  }

  /** Runs events up to and including time `until`, then sets the clock to it. */
  runUntil(until: number): void {
    for (let top = this.heap[0]; top && top.time <= until; top = this.heap[0]) this.step();
    this.now = Math.max(this.now, until);
  }

  private push(item: Scheduled): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent] as Scheduled)) break;
      heap[i] = heap[parent] as Scheduled;
      i = parent;
    }
    heap[i] = item;
  }

  private pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (!top || !last || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const child = r < heap.length && before(heap[r] as Scheduled, heap[l] as Scheduled) ? r : l;
      if (!before(heap[child] as Scheduled, last)) break;
      heap[i] = heap[child] as Scheduled;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
