/**
 * Turns a flat event history into register operations, grouped by key.
 *
 * Real-time order is the order of the events in the history array (as in Knossos); the
 * `time` field is informational. An event at a lower index happened before one at a higher
 * index.
 */
import type { HistoryEvent, OpName, RegisterValue } from "./history";

/**
 * One operation on one key, in the register-with-CAS model's terms.
 *
 * The model is uniform: an operation may be linearized at a state `s` only when `expect` is
 * `undefined` or equals `s`; afterwards the state is `set` (or stays `s` when `set` is
 * `undefined`). So a read expects the value it observed, a write sets its value, a CAS
 * expects its first argument and sets its second.
 */
export interface Operation {
  f: OpName;
  /**
   * `ok`: took effect exactly once, between its invoke and its completion.
   * `info`: may have taken effect at any point after its invoke, or never.
   */
  outcome: "ok" | "info";
  /** Index of the invoke event in the original history. */
  invoke: number;
  /** Index of the completion event (`ok` or `info`) in the original history, if any. */
  complete: number | null;
  expect: RegisterValue | undefined;
  set: RegisterValue | undefined;
}

/** Thrown when events cannot be paired (a completion without an invoke, two invokes...). */
export class MalformedHistoryError extends Error {
  override name = "MalformedHistoryError";
}

/**
 * Pairs each invoke with the next completion of the same process and returns the
 * operations of each key, in invoke order, keys in order of first appearance.
 *
 * Dropped on the way, because they cannot constrain a linearization:
 * - `fail` completions: the operation definitely did not take effect;
 * - reads whose outcome is unknown (`info` or no completion): a read changes nothing, and
 *   an operation with an unknown outcome may be left out of the linearization.
 * An invoke without a completion is treated like one completed by `info`.
 */
export function collectOperations(history: readonly HistoryEvent[]): Map<string, Operation[]> {
  const outstanding = new Map<number, number>();
  const byInvoke = new Map<number, Operation>();
  history.forEach((event, index) => {
    if (event.type === "invoke") {
      if (outstanding.has(event.process)) {
        throw new MalformedHistoryError(
          `event ${index}: process ${event.process} invokes while an operation is outstanding`,
        );
      }
      outstanding.set(event.process, index);
      return;
    }
    const invokeIndex = outstanding.get(event.process);
    if (invokeIndex === undefined) {
      throw new MalformedHistoryError(
        `event ${index}: ${event.type} of process ${event.process} without an invoke`,
      );
    }
    outstanding.delete(event.process);
    const invoke = history[invokeIndex] as HistoryEvent;
    if (invoke.f !== event.f || invoke.key !== event.key) {
      throw new MalformedHistoryError(
        `event ${index}: completes ${event.f} on "${event.key}" but process ${event.process} invoked ${invoke.f} on "${invoke.key}"`,
      );
    }
    if (event.type === "fail") return;
    const op = toOperation(invoke, invokeIndex, event, index);
    if (op) byInvoke.set(invokeIndex, op);
  });
  for (const invokeIndex of outstanding.values()) {
    const op = toOperation(history[invokeIndex] as HistoryEvent, invokeIndex, null, null);
    if (op) byInvoke.set(invokeIndex, op);
  }

  const byKey = new Map<string, Operation[]>();
  const ordered = [...byInvoke.entries()].sort((a, b) => a[0] - b[0]);
  for (const [invokeIndex, op] of ordered) {
    const key = (history[invokeIndex] as HistoryEvent).key;
    let ops = byKey.get(key);
    if (!ops) {
      ops = [];
      byKey.set(key, ops);
    }
    ops.push(op);
  }
  return byKey;
}

function toOperation(
  invoke: HistoryEvent,
  invokeIndex: number,
  completion: HistoryEvent | null,
  completeIndex: number | null,
): Operation | null {
  const outcome = completion?.type === "ok" ? "ok" : "info";
  const base = { f: invoke.f, outcome, invoke: invokeIndex, complete: completeIndex } as const;
  switch (invoke.f) {
    case "read":
      if (outcome === "info" || !completion) return null;
      return { ...base, expect: scalar(completion.value, invokeIndex), set: undefined };
    case "write":
      return { ...base, expect: undefined, set: scalar(invoke.value, invokeIndex) };
    case "cas": {
      const pair = invoke.value;
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new MalformedHistoryError(`event ${invokeIndex}: cas value must be [expected, new]`);
      }
      return { ...base, expect: pair[0], set: pair[1] };
    }
  }
}

function scalar(value: HistoryEvent["value"], index: number): RegisterValue {
  if (Array.isArray(value)) {
    throw new MalformedHistoryError(`event ${index}: expected a single register value`);
  }
  return value;
}
