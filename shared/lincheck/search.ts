/**
 * The Wing–Gong search with Lowe's just-in-time linearization and memoization, for the
 * operations of one register.
 */
import type { RegisterValue } from "./history";
import type { Operation } from "./operations";

/** Thrown when a search visits more states than its budget allows: the verdict is unknown. */
export class SearchBudgetExceededError extends Error {
  override name = "SearchBudgetExceededError";
}

/** The default bound on search steps per key; a valid 1,000-operation key needs far fewer. */
export const DEFAULT_MAX_STEPS = 5_000_000;

const NONE = -1;

/**
 * True when the operations of one register (initially absent, `null`) have a
 * linearization: a total order that respects real time (an operation completed before
 * another was invoked comes first), in which every `ok` operation appears, any subset of the
 * `info` operations appears (each after its invoke), and each appearing operation is legal
 * in the register-with-CAS model at its point.
 *
 * Call and return entries sit in one doubly linked list in real-time order (`info`
 * operations have no return entry: they are pending forever). Scanning from the head, any
 * call before the first return may be linearized next; a linearized operation is unlinked
 * with its return. Reaching a return whose operation is not linearized means the current
 * prefix cannot be extended, so the search backtracks. A (linearized set, state) pair is
 * explored at most once; the set is a bitset over operation indices.
 *
 * @throws SearchBudgetExceededError after `maxSteps` loop iterations.
 */
export function isLinearizable(ops: readonly Operation[], maxSteps = DEFAULT_MAX_STEPS): boolean {
  const n = ops.length;
  const values = new Map<RegisterValue, number>([[null, 0]]);
  const intern = (value: RegisterValue | undefined): number => {
    if (value === undefined) return NONE;
    let id = values.get(value);
    if (id === undefined) {
      id = values.size;
      values.set(value, id);
    }
    return id;
  };
  const expect = Int32Array.from(ops, (op) => intern(op.expect));
  const set = Int32Array.from(ops, (op) => intern(op.set));
  const mustLinearize = ops.map((op) => op.outcome === "ok");

  // Entries: call of op i is i, return of op i is n + i, the head sentinel is 2n.
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(NONE);
  const prev = new Int32Array(2 * n + 1).fill(NONE);
  const timeline: { entry: number; at: number }[] = [];
  ops.forEach((op, i) => {
    timeline.push({ entry: i, at: op.invoke });
    if (op.outcome === "ok") timeline.push({ entry: n + i, at: op.complete as number });
  });
  timeline.sort((a, b) => a.at - b.at);
  let last = head;
  for (const { entry } of timeline) {
    next[last] = entry;
    prev[entry] = last;
    last = entry;
  }

  const unlink = (entry: number) => {
    const p = prev[entry] as number;
    const q = next[entry] as number;
    next[p] = q;
    if (q !== NONE) prev[q] = p;
  };
  const relink = (entry: number) => {
    const p = prev[entry] as number;
    const q = next[entry] as number;
    next[p] = entry;
    if (q !== NONE) prev[q] = entry;
  };

  const words = new Uint16Array(Math.ceil(n / 16));
  const explored = new Set<string>();
  const stackOp: number[] = [];
  const stackState: number[] = [];
  let remaining = mustLinearize.filter(Boolean).length;
  let state = 0;
  let entry = next[head] as number;
  let steps = 0;

  while (remaining > 0) {
    if (++steps > maxSteps) {
      throw new SearchBudgetExceededError(`no verdict after ${maxSteps} steps over ${n} ops`);
    }
    if (entry < n) {
      const op = entry;
      const wanted = expect[op] as number;
      if (wanted === NONE || wanted === state) {
        const after = set[op] === NONE ? state : (set[op] as number);
        toggle(words, op);
        const key = `${after}:${String.fromCharCode(...words)}`;
        if (!explored.has(key)) {
          explored.add(key);
          stackOp.push(op);
          stackState.push(state);
          state = after;
          unlink(op);
          if (mustLinearize[op]) {
            unlink(n + op);
            remaining--;
          }
          entry = next[head] as number;
          continue;
        }
        toggle(words, op);
      }
      entry = next[entry] as number;
    } else {
      // A return of an operation not yet linearized (entry is never NONE while remaining > 0,
      // since that return is still in the list after every call the scan passed).
      const op = stackOp.pop();
      if (op === undefined) return false;
      state = stackState.pop() as number;
      toggle(words, op);
      if (mustLinearize[op]) {
        relink(n + op);
        remaining++;
      }
      relink(op);
      entry = next[op] as number;
    }
  }
  return true;
}

function toggle(words: Uint16Array, bit: number): void {
  const word = bit >> 4;
  words[word] = (words[word] as number) ^ (1 << (bit & 15));
}
