/**
 * A watch that survives dropped streams: it follows one event stream and, when the
 * stream breaks or ends, opens a new one from where the last one stopped, after a
 * growing pause, until too many attempts in a row fail.
 *
 * Resuming is exact. Every event of one txn carries the txn's revision, so a stream may
 * break between two events of one revision; the watch therefore reopens at the last
 * revision it saw and skips as many events of that revision as it already delivered
 * (the server replays a revision's events in the same order). No event is delivered
 * twice, none is lost, unless the history was compacted meanwhile, which the server
 * refuses with an error that ends the watch.
 */
import { CliError, ConnectionLost } from "./cli-error";

/** One change as the watch stream carries it. */
export interface WatchChange {
  type: string;
  key: string;
  value?: string;
  revision: number;
}

/** What the watch needs from the outside world; tests pass fakes. */
export interface WatchPorts {
  /**
   * Opens a stream of changes at or after `fromRevision`; calls `opened` once the
   * server has accepted it. Throws `ConnectionLost` when it is worth retrying.
   */
  open(fromRevision: number, opened: () => void): AsyncIterable<WatchChange>;
  /** Waits `ms`, or less when the watch is stopped meanwhile. */
  sleep(ms: number): Promise<void>;
  /** Whether the user stopped the watch (Ctrl-C). */
  stopped(): boolean;
}

/** What the watch reports besides the changes themselves. */
export interface WatchNotices {
  /** A stream is open, reading from `fromRevision`; `resumed` after a reconnect. */
  watching(fromRevision: number, resumed: boolean): void;
  /** The stream was lost for `reason`; the next attempt comes after `delayMs`. */
  retrying(reason: string, attempt: number, attempts: number, delayMs: number): void;
}

/** Pauses before each reconnect attempt in a row; its length bounds the attempts. */
export const RECONNECT_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Delivers every change from `fromRevision` on to `deliver`, reconnecting as the module
 * says. Returns when stopped; throws a `CliError` saying why once reconnecting is given
 * up (`delays.length` failed attempts in a row) or the server refuses the watch.
 */
export async function resumableWatch(
  fromRevision: number,
  ports: WatchPorts,
  deliver: (change: WatchChange) => void,
  notices: WatchNotices,
  delays: readonly number[] = RECONNECT_DELAYS_MS,
): Promise<void> {
  /** The revision to reopen at, and how many of its events were already delivered. */
  let next = fromRevision;
  let deliveredAtNext = 0;
  let lastSeen = fromRevision - 1;
  let failures = 0;
  let resumed = false;
  while (!ports.stopped()) {
    let reason = "the server closed the stream";
    try {
      let skip = deliveredAtNext;
      const stream = ports.open(next, () => {
        failures = 0;
        notices.watching(next, resumed);
      });
      for await (const change of stream) {
        if (change.revision < next) continue;
        if (change.revision === next && skip > 0) {
          skip--;
          continue;
        }
        if (change.revision > next) {
          next = change.revision;
          deliveredAtNext = 0;
        }
        deliveredAtNext++;
        lastSeen = change.revision;
        deliver(change);
      }
    } catch (error) {
      if (!(error instanceof ConnectionLost)) throw error;
      reason = error.message;
    }
    if (ports.stopped()) return;
    resumed = true;
    const delay = delays[failures];
    if (delay === undefined) {
      throw new CliError(
        `gave up watching after ${delays.length} failed reconnects (last revision seen: ${lastSeen}): ${reason}`,
      );
    }
    failures++;
    notices.retrying(reason, failures, delays.length, delay);
    await ports.sleep(delay);
  }
}
