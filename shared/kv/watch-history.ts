/**
 * The change history that watchers replay from a revision, kept until compaction and
 * bounded in size.
 */
import { MAX_WATCH_EVENTS } from "./limits";
import type { WatchEvent } from "./types";

/** Either the events from a revision on, or the compaction point that hides them. */
export type EventsSince = { events: WatchEvent[] } | { compactRevision: number };

/** Events in revision order (a txn's events share one revision, in op order). */
export class WatchHistory {
  private events: WatchEvent[];
  /**
   * The lowest revision a watch may start from: every event at or above it is kept, and
   * none below it is.
   */
  private compactedTo: number;

  constructor(events: WatchEvent[] = [], compactRevision = 0) {
    this.events = events;
    this.compactedTo = compactRevision;
  }

  get compactRevision(): number {
    return this.compactedTo;
  }

  /**
   * Appends the events of one revision. Beyond `limit` events, whole revisions are dropped
   * from the oldest end and the compaction point moves past them (a single revision larger
   * than the limit is dropped too, leaving the history empty).
   */
  record(events: readonly WatchEvent[], limit = MAX_WATCH_EVENTS): void {
    this.events.push(...events);
    if (this.events.length <= limit) return;
    let cut = this.events.length - limit;
    const boundary = this.events[cut - 1]?.revision as number;
    while (cut < this.events.length && this.events[cut]?.revision === boundary) cut++;
    this.compactedTo = boundary + 1;
    this.events = this.events.slice(cut);
  }

  /** Forgets the events below `revision`; a watch can then start at `revision` or later. */
  compact(revision: number): void {
    this.compactedTo = Math.max(this.compactedTo, revision);
    const keep = this.events.findIndex((event) => event.revision >= this.compactedTo);
    this.events = keep < 0 ? [] : this.events.slice(keep);
  }

  /** Events at `fromRevision` or later on keys starting with `prefix`. */
  since(fromRevision: number, prefix: string): EventsSince {
    if (fromRevision < this.compactedTo) return { compactRevision: this.compactedTo };
    return {
      events: this.events.filter((e) => e.revision >= fromRevision && e.key.startsWith(prefix)),
    };
  }

  /** Every kept event, for snapshots. */
  all(): WatchEvent[] {
    return [...this.events];
  }
}
