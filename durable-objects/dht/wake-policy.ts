/**
 * When a ring node sets its alarm. A node is active for `ACTIVE_MS` after its routing state
 * last changed (a join, a leave, a failure noticed, a maintenance round that learned
 * something); while active, the alarm follows the core's wish. An idle node sets no alarm
 * and makes no calls, so an idle ring costs no Durable Object requests.
 */
import { ACTIVE_MS } from "./node-contract";

export class WakePolicy {
  /** Until when maintenance alarms may be set (ms). */
  private activeUntil = 0;
  /** The alarm time as last set by this object (null: none). */
  private alarmAt: number | null = null;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** After a restart: an alarm still set means the node was active. */
  restore(alarmAt: number | null, now: number): void {
    this.alarmAt = alarmAt;
    if (alarmAt !== null) this.touch(now);
  }

  /** Something changed: keep maintaining for a while. */
  touch(now: number): void {
    this.activeUntil = Math.max(this.activeUntil, now + ACTIVE_MS);
  }

  get alarmSet(): boolean {
    return this.alarmAt !== null;
  }

  /** Sets, moves or clears the alarm for the core's next wake-up tick. */
  schedule(wakeAt: number | undefined, now: number): void {
    const wanted =
      wakeAt !== undefined && now < this.activeUntil ? Math.max(wakeAt, now + 1) : null;
    if (wanted === this.alarmAt) return;
    if (wanted !== null && this.alarmAt !== null && this.alarmAt > now && this.alarmAt <= wanted)
      return;
    this.alarmAt = wanted;
    if (wanted === null) void this.storage.deleteAlarm();
    else void this.storage.setAlarm(wanted);
  }

  /** The alarm fired (it is no longer set). */
  fired(): void {
    this.alarmAt = null;
  }

  /** Forgets everything (the node failed or left). */
  clear(): void {
    this.activeUntil = 0;
    this.alarmAt = null;
    void this.storage.deleteAlarm();
  }
}
