import type { HistoryEvent, OpName, RegisterValue } from "../../../shared/lincheck/history";

type Value = HistoryEvent["value"];

/**
 * Writes hand-made histories tersely: completions reuse the process's outstanding invoke's
 * `f` and `key`, and time is the event's position.
 */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private readonly open = new Map<number, { f: OpName; key: string; value: Value }>();

  invoke(process: number, f: OpName, key: string, value: Value = null): this {
    this.open.set(process, { f, key, value });
    return this.push(process, "invoke", f, key, value);
  }

  write(process: number, key: string, value: RegisterValue): this {
    return this.invoke(process, "write", key, value);
  }

  read(process: number, key: string): this {
    return this.invoke(process, "read", key, null);
  }

  cas(process: number, key: string, expected: RegisterValue, next: RegisterValue): this {
    return this.invoke(process, "cas", key, [expected, next]);
  }

  /** Completes with `ok`; for a read, `value` is what it observed. */
  ok(process: number, value?: RegisterValue): this {
    const op = this.take(process);
    return this.push(process, "ok", op.f, op.key, op.f === "read" ? (value ?? null) : op.value);
  }

  fail(process: number): this {
    const op = this.take(process);
    return this.push(process, "fail", op.f, op.key, op.value);
  }

  info(process: number): this {
    const op = this.take(process);
    return this.push(process, "info", op.f, op.key, op.value);
  }

  private take(process: number) {
    const op = this.open.get(process);
    if (!op) throw new Error(`process ${process} has nothing outstanding`);
    this.open.delete(process);
    return op;
  }

  private push(process: number, type: HistoryEvent["type"], f: OpName, key: string, value: Value) {
    this.events.push({ process, type, f, key, value, time: this.events.length });
    return this;
  }
}
