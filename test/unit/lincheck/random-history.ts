import type { HistoryEvent, RegisterValue } from "../../../shared/lincheck/history";
import { Rng } from "../../../shared/rng";

export interface RandomHistoryOptions {
  processes: number;
  opsPerProcess: number;
  keys: number;
  /** Probability that an operation's outcome is reported as `info`. */
  infoRate: number;
  /** Draw written values from 1..distinctValues instead of making each one unique. */
  distinctValues?: number;
}

interface Pending {
  event: HistoryEvent;
  applied: boolean;
  result: { type: "ok" | "fail"; value: HistoryEvent["value"] } | null;
}

/**
 * Runs random clients against a real sequential register per key with random overlaps, so
 * the history is linearizable by construction: every operation takes effect at one instant
 * between its invoke and its completion (an `info` one possibly later, or never). Values
 * written are unique per history unless `distinctValues` is set.
 */
export function randomHistory(seed: number, options: RandomHistoryOptions): HistoryEvent[] {
  const rng = new Rng(seed);
  const registers = new Map<string, RegisterValue>();
  const written: RegisterValue[] = [null];
  const history: HistoryEvent[] = [];
  const pending = new Map<number, Pending>();
  const floating: HistoryEvent[] = [];
  const done = new Array<number>(options.processes).fill(0);
  let nextValue = 1;

  const apply = (invoke: HistoryEvent): Pending["result"] => {
    const current = registers.get(invoke.key) ?? null;
    if (invoke.f === "read") return { type: "ok", value: current };
    if (invoke.f === "write") {
      registers.set(invoke.key, invoke.value as RegisterValue);
      return { type: "ok", value: invoke.value };
    }
    const [expected, next] = invoke.value as [RegisterValue, RegisterValue];
    if (current !== expected) return { type: "fail", value: invoke.value };
    registers.set(invoke.key, next);
    return { type: "ok", value: invoke.value };
  };
  const push = (event: Omit<HistoryEvent, "time">) => {
    history.push({ ...event, time: history.length });
  };

  for (;;) {
    const live = [...done.keys()].filter(
      (p) => pending.has(p) || (done[p] as number) < options.opsPerProcess,
    );
    if (live.length === 0 && floating.length === 0) return history;
    if (floating.length > 0 && (live.length === 0 || rng.chance(0.05))) {
      // An operation reported as info takes effect late, or is lost.
      const [late] = floating.splice(rng.int(floating.length), 1);
      if (late && rng.chance(0.5)) apply(late);
      continue;
    }
    const process = rng.pick(live);
    const op = pending.get(process);
    if (!op) {
      const key = `k${rng.int(options.keys)}`;
      const kind = rng.int(3);
      const value = options.distinctValues ? rng.range(1, options.distinctValues) : nextValue++;
      const event: Omit<HistoryEvent, "time"> =
        kind === 0
          ? { process, type: "invoke", f: "read", key, value: null }
          : kind === 1
            ? { process, type: "invoke", f: "write", key, value }
            : {
                process,
                type: "invoke",
                f: "cas",
                key,
                value: [rng.chance(0.5) ? (registers.get(key) ?? null) : rng.pick(written), value],
              };
      if (event.f !== "read") written.push(value);
      push(event);
      pending.set(process, {
        event: history[history.length - 1] as HistoryEvent,
        applied: false,
        result: null,
      });
      done[process] = (done[process] as number) + 1;
    } else if (!op.applied && rng.chance(0.5)) {
      op.applied = true;
      op.result = apply(op.event);
    } else if (op.applied || rng.chance(0.5)) {
      const { f, key } = op.event;
      pending.delete(process);
      if (rng.chance(options.infoRate)) {
        push({ process, type: "info", f, key, value: op.event.value });
        if (!op.applied) floating.push(op.event);
      } else if (op.applied && op.result) {
        push({ process, type: op.result.type, f, key, value: op.result.value });
      } else {
        // Completing before taking effect: the operation is reported failed and never applies.
        push({ process, type: "fail", f, key, value: op.event.value });
      }
    }
  }
}
