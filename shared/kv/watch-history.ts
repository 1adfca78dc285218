/**
 * The change history that watchers replay from a revision, kept until compaction and
 * bounded in events and bytes.
 */
import { MAX_WATCH_BYTES, MAX_WATCH_EVENTS } from "./limits";
import { utf8Length } from "./text";
import type { WatchEvent } from "./types";

/** Either the events from a revision on, or the compaction point that hides them. */
export type EventsSince = { events: WatchEvent[] } | { compactRevision: number };

/** How much history `record` keeps. */
export interface WatchBounds {
  events: number;
  bytes: number;
}

const DEFAULT_BOUNDS: WatchBounds = { events: MAX_WATCH_EVENTS, bytes: MAX_WATCH_BYTES };

/** Events in revision order (a txn's events share one revision, in op order). */
export class WatchHistory {
  /** The kept events are `events[start..]`; the dropped prefix is cut off lazily. */
  private events: WatchEvent[] = [];
  /** `weights[i]` is `weight(events[i])`, measured once when the event is recorded. */
  private weights: number[] = [];
  private start = 0;
  /** UTF-8 bytes of the keys and values of the kept events. */
  private bytes = 0;
  /**
   * The lowest revision a watch may start from: every event at or above it is kept, and
   * none below it is.
   */
  private compactedTo: number;
  private readonly bounds: WatchBounds;

  constructor(events: readonly WatchEvent[] = [], compactRevision = 0, bounds = DEFAULT_BOUNDS) {
    this.compactedTo = compactRevision;
    this.bounds = bounds;
    this.append(events);
  }

  get compactRevision(): number {
    return this.compactedTo;
  }

  /**
   * Appends the events of one revision, then drops whole revisions from the oldest end
   * while over a bound, moving the compaction point past them (a single revision over the
   * bounds is dropped too, leaving the history empty).
   */
  record(events: readonly WatchEvent[]): void {
    this.append(events);
    while (this.size > this.bounds.events || this.bytes > this.bounds.bytes) {
      const oldest = (this.events[this.start] as WatchEvent).revision;
      this.dropBelow(oldest + 1);
    }
  }

  /** Forgets the events below `revision`; a watch can then start at `revision` or later. */
  compact(revision: number): void {
    this.dropBelow(revision);
  }

  /** Events at `fromRevision` or later on keys starting with `prefix`. */
  since(fromRevision: number, prefix: string): EventsSince {
    if (fromRevision < this.compactedTo) return { compactRevision: this.compactedTo };
    const events: WatchEvent[] = [];
    for (let i = this.firstAtOrAbove(fromRevision); i < this.events.length; i++) {
      const event = this.events[i] as WatchEvent;
      if (event.key.startsWith(prefix)) events.push(event);
    }
    return { events };
  }

  /** Every kept event, for snapshots. */
  all(): WatchEvent[] {
    return this.events.slice(this.start);
  }

  private get size(): number {
    return this.events.length - this.start;
  }

  private append(events: readonly WatchEvent[]): void {
    for (const event of events) {
      const bytes = weight(event);
      this.events.push(event);
      this.weights.push(bytes);
      this.bytes += bytes;
    }
  }

  private dropBelow(revision: number): void {
    this.compactedTo = Math.max(this.compactedTo, revision);
    const end = this.firstAtOrAbove(this.compactedTo);
    for (let i = this.start; i < end; i++) this.bytes -= this.weights[i] as number;
    this.start = end;
    if (this.start > this.events.length / 2) {
      this.events = this.events.slice(this.start);
      this.weights = this.weights.slice(this.start);
      this.start = 0;
    }
  }

  /** Index of the first kept event at `revision` or later. */
  private firstAtOrAbove(revision: number): number {
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid] as WatchEvent).revision < revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function weight(event: WatchEvent): number {
  return utf8Length(event.key) + (event.type === "put" ? utf8Length(event.value) : 0);
}
