/**
 * Linearizability checker for register histories (read / write / compare-and-swap per key)
 * in the format of `./history`.
 *
 * A register per key is a local object, so a history is linearizable iff every key's
 * sub-history is; each key is searched on its own (see `./search`).
 */
import type { HistoryEvent } from "./history";
import { collectOperations, type Operation } from "./operations";
import { pruneUnobservedInfo } from "./prune";
import { DEFAULT_MAX_STEPS, isLinearizable, SearchBudgetExceededError } from "./search";
import { shrinkFailure } from "./shrink";

export { MalformedHistoryError } from "./operations";
export { DEFAULT_MAX_STEPS, SearchBudgetExceededError } from "./search";

export type LinearizabilityResult =
  | { ok: true }
  | { ok: false; key: string; counterexample: HistoryEvent[] };

export interface CheckOptions {
  /**
   * Bound on search steps per key, and separately on all the searches that shrink a
   * counterexample (default `DEFAULT_MAX_STEPS`, a few seconds at most). When shrinking
   * spends its budget it stops: the counterexample is then less small, but still proven.
   */
  maxSteps?: number;
}

/**
 * Checks that a history is linearizable with respect to one register per key, each
 * initially absent (`null`).
 *
 * Semantics of the events: real-time order is the order of the array (`time` is not read;
 * a history merged from several recorders must be sorted by time first); events pair up
 * invoke → completion per `process`. `ok` means the operation took effect (a `cas` that is
 * `ok` succeeded); `fail` means it definitely did not take effect, so it is ignored; `info`
 * — and an invoke that never completes — means it may have taken effect at any point after
 * its invoke, or never.
 *
 * When a key is not linearizable, the result names the first such key (in order of first
 * appearance) and a counterexample: the events of a minimal failing part of that key's
 * history (see `shrinkFailure`: shortest failing prefix, then 1-minimal in operations), in
 * their original order. An operation cut short by the prefix appears as a lone invoke,
 * i.e. with an unknown outcome, so the counterexample is itself a non-linearizable history.
 *
 * @throws MalformedHistoryError when events cannot be paired.
 * Cost: writes of distinct values keep it fast — unknown-outcome writes nobody observes are
 * pruned. On the project's simulator histories (5 clients, 200–1,000 ops) a check takes
 * about 1–5 ms; see the search for what stays exponential (many observed `info` writes of
 * a few repeated values, in a history that fails).
 *
 * @throws SearchBudgetExceededError when a key needs more than `maxSteps` search steps.
 */
export function checkLinearizable(
  history: readonly HistoryEvent[],
  options: CheckOptions = {},
): LinearizabilityResult {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  for (const [key, ops] of collectOperations(history)) {
    if (isLinearizable(pruneUnobservedInfo(ops), { remaining: maxSteps })) continue;
    const shrinkBudget = { remaining: maxSteps };
    const verdict = (candidate: readonly Operation[]): boolean | null => {
      if (shrinkBudget.remaining <= 0) return null;
      try {
        return isLinearizable(pruneUnobservedInfo(candidate), shrinkBudget);
      } catch (error) {
        if (error instanceof SearchBudgetExceededError) return null;
        throw error;
      }
    };
    const core = shrinkFailure(ops, verdict);
    return { ok: false, key, counterexample: eventsOf(history, core) };
  }
  return { ok: true };
}

function eventsOf(history: readonly HistoryEvent[], ops: readonly Operation[]): HistoryEvent[] {
  const indices = ops.flatMap((op) =>
    op.complete === null ? [op.invoke] : [op.invoke, op.complete],
  );
  return indices.sort((a, b) => a - b).map((index) => history[index] as HistoryEvent);
}
