/**
 * Sound pruning of unknown-outcome operations before the search, to keep `info` writes
 * from multiplying the states the search must visit.
 */
import type { RegisterValue } from "./history";
import type { Operation } from "./operations";

/**
 * Drops every `info` operation whose written value no operation ever expects (no read
 * observed it, no CAS compared against it), repeating until nothing more can be dropped.
 *
 * Why this is sound (the pruned history is linearizable iff the original is): if an
 * unobserved `info` write or CAS of value `v` is linearized somewhere, no later operation
 * can be linearized while the register holds `v` except writes (which overwrite it) and
 * other `info` operations that leave no trace; so deleting it from the linearization leaves
 * every other operation seeing the same state — a valid linearization without it.
 * Conversely an `info` operation may always be left out. Each removal keeps the property,
 * and removing a CAS can make its expected value unobserved, hence the repetition.
 */
export function pruneUnobservedInfo(ops: readonly Operation[]): Operation[] {
  let kept = [...ops];
  for (;;) {
    const expected = new Set<RegisterValue>();
    for (const op of kept) if (op.expect !== undefined) expected.add(op.expect);
    const next = kept.filter(
      (op) => op.outcome === "ok" || op.set === undefined || expected.has(op.set),
    );
    if (next.length === kept.length) return kept;
    kept = next;
  }
}
