/**
 * When a ring node keeps its one alarm, as a pure policy over times passed in. A node is
 * *active* for `ACTIVE_MS` after its routing state last changed (a join, a leave, a failure
 * noticed, a maintenance round that learned something) or after it was asked to maintain;
 * while active, the alarm follows the core's wish (`Ready.wakeAt`). An idle node keeps no
 * alarm and makes no calls, so an idle ring costs no requests. The host — a Durable Object,
 * or the simulator's network — carries out each `AlarmCommand` and nothing else.
 */

/** A node stays active (keeps maintenance alarms) this long after its last routing change. */
export const ACTIVE_MS = 5000;

/** What the host does with its alarm: set it to `at`, delete it, or (null) leave it as is. */
export type AlarmCommand = { kind: "set"; at: number } | { kind: "delete" } | null;

export class WakePolicy {
  /** Until when maintenance alarms may be set (ms); 0 when never active. */
  private activeUntil = 0;
  /** Invariant: the alarm time as this policy last commanded it (null: none set). */
  private alarmAt: number | null = null;

  constructor(private readonly activeMs = ACTIVE_MS) {}

  /** After a restart: an alarm still set means the node was active. */
  restore(alarmAt: number | null, now: number): void {
    this.alarmAt = alarmAt;
    if (alarmAt !== null) this.touch(now);
  }

  /** Something changed, or maintenance was asked for: keep maintaining for a while. */
  touch(now: number): void {
    this.activeUntil = Math.max(this.activeUntil, now + this.activeMs);
  }

  get alarmSet(): boolean {
    return this.alarmAt !== null;
  }

  /** After one core step: whether routing state changed, and the core's next wake tick. */
  stepped(changed: boolean, wakeAt: number | undefined, now: number): AlarmCommand {
    if (changed) this.touch(now);
    return this.schedule(wakeAt, now);
  }

  /**
   * Sets, moves or clears the alarm for the core's next wake tick: at it (but in the
   * future) while active, none once idle. An alarm already due sooner stays.
   */
  schedule(wakeAt: number | undefined, now: number): AlarmCommand {
    const wanted =
      wakeAt !== undefined && now < this.activeUntil ? Math.max(wakeAt, now + 1) : null;
    if (wanted === this.alarmAt) return null;
    if (wanted !== null && this.alarmAt !== null && this.alarmAt > now && this.alarmAt <= wanted)
      return null;
    this.alarmAt = wanted;
    return wanted === null ? { kind: "delete" } : { kind: "set", at: wanted };
  }

  /** The alarm fired (it is no longer set). */
  fired(): void {
    this.alarmAt = null;
  }

  /** Forgets everything (the node failed or left); the alarm goes. */
  clear(): AlarmCommand {
    this.activeUntil = 0;
    this.alarmAt = null;
    return { kind: "delete" };
  }
}
