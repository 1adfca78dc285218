/**
 * The Wing–Gong search with Lowe's just-in-time linearization and memoization, for the
 * operations of one register.
 */

import { ExploredSet } from "./explored-set";
import type { RegisterValue } from "./history";
import type { Operation } from "./operations";

/** Thrown when a search visits more states than its budget allows: the verdict is unknown. */
export class SearchBudgetExceededError extends Error {
  override name = "SearchBudgetExceededError";
}

/** The default bound on search steps per key; a valid 1,000-operation key needs far fewer. */
export const DEFAULT_MAX_STEPS = 5_000_000;

/** Search steps left to spend; shared by every search it is passed to. */
export interface StepBudget {
  remaining: number;
}

const NONE = -1;

/**
 * True when the operations of one register (initially absent, `null`) have a
 * linearization: a total order that respects real time (an operation completed before
 * another was invoked comes first), in which every `ok` operation appears, any subset of the
 * `info` operations appears (each after its invoke), and each appearing operation is legal
 * in the register-with-CAS model at its point.
 *
 * The `ok` operations' call and return entries sit in one linked list in real-time order;
 * any call before the first return may be linearized next, and a linearized operation is
 * unlinked with its return. `info` operations have no return (they are pending forever)
 * and sit in a second list by invoke; those invoked before that first return are
 * candidates too, tried before the calls. Reaching the first return with every candidate
 * tried means the current prefix cannot be extended: backtrack.
 *
 * Reductions that keep `info` operations cheap, all sound:
 * - an `info` operation is never linearized where it would not change the state: leaving
 *   it out (always allowed) is equivalent and keeps it available for later;
 * - among `info` operations with the same effect (same expected and written value), only
 *   the earliest-invoked one not yet linearized is a candidate: any linearization using a
 *   later one can use the earlier one at the same point instead (it was invoked before),
 *   and the later one wherever the earlier one went;
 * - an `info` operation is only linearized while some operation not yet linearized
 *   expects the value it writes: otherwise nothing after it could see its effect before a
 *   write replaces it, and the same linearization without it is valid (the argument of
 *   `pruneUnobservedInfo`, applied to what remains of the search);
 * - a (linearized set, state) pair is explored at most once (see `ExploredSet`).
 *
 * What stays exponential: many `info` operations whose values are observed (typically a
 * few values written over and over) in a history that is not linearizable — ruling it out
 * means trying their subsets. The budget turns that into an error rather than a hang.
 *
 * @throws SearchBudgetExceededError when `budget` runs out (one step per loop iteration).
 */
export function isLinearizable(
  ops: readonly Operation[],
  budget: StepBudget = { remaining: DEFAULT_MAX_STEPS },
): boolean {
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
  const isOk = ops.map((op) => op.outcome === "ok");
  /** Per value, how many operations not yet linearized expect it (reads, CAS compares). */
  const observers = new Int32Array(values.size);
  for (const wanted of expect)
    if (wanted !== NONE) observers[wanted] = (observers[wanted] as number) + 1;

  // Main list: call of ok op i is entry i, its return is n + i. Info list: op i is entry i.
  const main = new EntryList(2 * n);
  const info = new EntryList(n);
  const at = new Float64Array(2 * n);
  const timeline: number[] = [];
  ops.forEach((op, i) => {
    at[i] = op.invoke;
    if (isOk[i]) {
      at[n + i] = op.complete as number;
      timeline.push(i, n + i);
    }
  });
  timeline.sort((a, b) => (at[a] as number) - (at[b] as number));
  for (const entry of timeline) main.append(entry);
  // Info ops with the same effect form a class; a class's linearized members are always
  // its earliest-invoked ones, `used[c]` of them, and `rank` is a member's place in it.
  const classOf = new Int32Array(n).fill(NONE);
  const rank = new Int32Array(n);
  const classIds = new Map<string, number>();
  const used: number[] = [];
  const infoOrder = [...ops.keys()]
    .filter((i) => !isOk[i])
    .sort((a, b) => (at[a] as number) - (at[b] as number));
  for (const i of infoOrder) {
    info.append(i);
    const signature = `${expect[i]}>${set[i]}`;
    let c = classIds.get(signature);
    if (c === undefined) {
      c = used.length;
      classIds.set(signature, c);
      used.push(0);
    }
    classOf[i] = c;
    rank[i] = used[c] as number;
    used[c] = rank[i] + 1;
  }
  used.fill(0);

  const explored = new ExploredSet(n);
  const stackOp: number[] = [];
  const stackState: number[] = [];
  let remaining = isOk.filter(Boolean).length;
  let state = 0;
  // The scan at each node of the search: first the info ops invoked before `window` (the
  // time of the first return in the main list), then the ok calls before that return.
  let entry = NONE;
  let window = 0;
  let scanningInfo = true;
  const firstReturn = (): number => {
    let e = main.first();
    while (e < n) e = main.next(e);
    return at[e] as number;
  };
  const restartScan = () => {
    window = remaining > 0 ? firstReturn() : 0;
    scanningInfo = true;
    entry = info.first();
  };

  const tryLinearize = (op: number): boolean => {
    const wanted = expect[op] as number;
    if (wanted !== NONE && wanted !== state) return false;
    const after = set[op] === NONE ? state : (set[op] as number);
    const c = classOf[op] as number;
    if (c !== NONE && (after === state || rank[op] !== used[c] || observers[after] === 0)) {
      return false;
    }
    explored.toggle(op);
    if (!explored.add(after)) {
      explored.toggle(op);
      return false;
    }
    stackOp.push(op);
    stackState.push(state);
    state = after;
    if (wanted !== NONE) observers[wanted] = (observers[wanted] as number) - 1;
    if (isOk[op]) {
      main.unlink(op);
      main.unlink(n + op);
      remaining--;
    } else {
      info.unlink(op);
      used[c] = (used[c] as number) + 1;
    }
    restartScan();
    return true;
  };
  restartScan();

  while (remaining > 0) {
    if (--budget.remaining < 0) {
      throw new SearchBudgetExceededError(`step budget spent before a verdict on ${n} ops`);
    }
    if (scanningInfo) {
      if (entry !== NONE && (at[entry] as number) < window) {
        if (!tryLinearize(entry)) entry = info.next(entry);
      } else {
        scanningInfo = false;
        entry = main.first();
      }
    } else if (entry < n) {
      if (!tryLinearize(entry)) entry = main.next(entry);
    } else {
      // The first pending return: every candidate before it has been tried.
      const op = stackOp.pop();
      if (op === undefined) return false;
      state = stackState.pop() as number;
      explored.toggle(op);
      const wanted = expect[op] as number;
      if (wanted !== NONE) observers[wanted] = (observers[wanted] as number) + 1;
      if (isOk[op]) {
        main.relink(n + op);
        main.relink(op);
        remaining++;
        entry = main.next(op);
      } else {
        info.relink(op);
        const c = classOf[op] as number;
        used[c] = (used[c] as number) - 1;
        window = firstReturn();
        scanningInfo = true;
        entry = info.next(op);
      }
    }
  }
  return true;
}

/**
 * A doubly linked list over entries 0..size-1 with a head sentinel, whose unlinked entries
 * keep their own pointers so they can be relinked in reverse order of unlinking.
 */
class EntryList {
  private readonly nextOf: Int32Array;
  private readonly prevOf: Int32Array;
  private readonly head: number;
  private tail: number;

  constructor(size: number) {
    this.head = size;
    this.tail = size;
    this.nextOf = new Int32Array(size + 1).fill(NONE);
    this.prevOf = new Int32Array(size + 1).fill(NONE);
  }

  append(entry: number): void {
    this.nextOf[this.tail] = entry;
    this.prevOf[entry] = this.tail;
    this.tail = entry;
  }

  first(): number {
    return this.nextOf[this.head] as number;
  }

  next(entry: number): number {
    return this.nextOf[entry] as number;
  }

  unlink(entry: number): void {
    const p = this.prevOf[entry] as number;
    const q = this.nextOf[entry] as number;
    this.nextOf[p] = q;
    if (q !== NONE) this.prevOf[q] = p;
  }

  relink(entry: number): void {
    const p = this.prevOf[entry] as number;
    const q = this.nextOf[entry] as number;
    this.nextOf[p] = entry;
    if (q !== NONE) this.prevOf[q] = entry;
  }
}
