/**
 * Shrinks a non-linearizable set of operations on one key to a small failing core.
 */
import type { Operation } from "./operations";

/**
 * Verdict of one check during shrinking: `true` linearizable, `false` not, `null` unknown
 * (the search ran out of budget). Unknown never counts as failing, so every candidate the
 * shrinker keeps has been proven non-linearizable.
 */
export type Verdict = (ops: readonly Operation[]) => boolean | null;

/**
 * Returns a minimal failing part of `ops` (which must fail `check`), in two stages:
 *
 * 1. the shortest prefix of the key's history (cut at an event boundary) that already fails;
 *    operations invoked before the cut but completed after it become `info` (pending). A
 *    prefix of a linearizable history is linearizable, so failure is monotone in the cut and
 *    a binary search finds the shortest one;
 * 2. then operations are dropped, in halves, quarters, ... and finally one by one until a
 *    full pass drops nothing, as long as what is left still fails and every value that a
 *    remaining operation observes (reads, CAS compares) keeps a writer when the prefix had
 *    one (`null`, the initial state, needs none). Without that last condition the core
 *    would often collapse to "a read of a value nobody wrote", which fails trivially and
 *    explains nothing.
 *
 * "Minimal" therefore means: no shorter prefix fails, and removing any single remaining
 * operation either makes the rest linearizable or leaves an observed value without its
 * writer (1-minimal under that condition). It is not necessarily the smallest failing
 * subset overall, which would be exponential to find.
 */
export function shrinkFailure(ops: readonly Operation[], check: Verdict): Operation[] {
  const failing = shortestFailingPrefix(ops, check);
  const written = new Set(failing.map((op) => op.set));
  const stillFails = (candidate: readonly Operation[]): boolean => {
    const sources = new Set(candidate.map((op) => op.set));
    const orphan = candidate.some(
      (op) =>
        op.expect !== undefined &&
        op.expect !== null &&
        written.has(op.expect) &&
        !sources.has(op.expect),
    );
    return !orphan && check(candidate) === false;
  };
  return dropOperations(failing, stillFails);
}

function shortestFailingPrefix(ops: readonly Operation[], check: Verdict): Operation[] {
  const cuts = [...new Set(ops.flatMap((op) => [op.invoke, op.complete ?? op.invoke]))].sort(
    (a, b) => a - b,
  );
  // Invariant: the prefix ending at cuts[hi] fails; prefixes ending before cuts[lo] pass.
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (check(prefix(ops, cuts[mid] as number)) === false) hi = mid;
    else lo = mid + 1;
  }
  return prefix(ops, cuts[hi] as number);
}

/** The operations whose invoke is at or before event index `cut`, as seen at that moment. */
function prefix(ops: readonly Operation[], cut: number): Operation[] {
  const kept: Operation[] = [];
  for (const op of ops) {
    if (op.invoke > cut) continue;
    if (op.complete === null || op.complete <= cut) kept.push(op);
    else if (op.f !== "read") kept.push({ ...op, outcome: "info", complete: null });
  }
  return kept;
}

function dropOperations(
  failing: Operation[],
  stillFails: (candidate: readonly Operation[]) => boolean,
): Operation[] {
  let current = failing;
  for (let size = current.length >> 1; size > 1; size >>= 1) {
    for (let start = 0; start < current.length; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (stillFails(candidate)) current = candidate;
      else start += size;
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < current.length; ) {
      const candidate = [...current.slice(0, i), ...current.slice(i + 1)];
      if (stillFails(candidate)) {
        current = candidate;
        changed = true;
      } else i++;
    }
  }
  return current;
}
