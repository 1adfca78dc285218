/**
 * From prices to a feasible integral assignment: round each job to its cheapest priced
 * site, shed load from overloaded sites at the least extra cost per unit of overload
 * relieved, then move single jobs to cheaper sites with room (cycles.ts goes further).
 *
 * Guarantee: the repair ends with no site over capacity whenever, at every step, some
 * job on an overloaded site fits into another site's free room. That holds in particular
 * (a) for unit demands with integer capacities whenever Σ capacity ≥ n, and (b) for any
 * demands whenever Σ capacity − Σ demand ≥ (m − 1)·max demand: if no job fitted anywhere,
 * every other site would have less free room than the job on hand, so the total free room
 * would fall short of the bound.
 */
import { MinQueue } from "./min-queue";
import type { BalanceProblem } from "./problem";

/** Each job on the site minimising cost + price. */
export function roundWithPrices(problem: BalanceProblem, prices: Float64Array): Int32Array {
  const { cost, demand } = problem;
  const m = prices.length;
  const assignment = new Int32Array(demand.length);
  for (let i = 0; i < demand.length; i++) {
    let best = 0;
    let bestValue = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const value = (cost[i * m + j] as number) + (prices[j] as number);
      if (value < bestValue) {
        bestValue = value;
        best = j;
      }
    }
    assignment[i] = best;
  }
  return assignment;
}

/**
 * Moves jobs off overloaded sites, each time the move with the least extra cost per unit
 * of overload relieved, until none is overloaded or no job on one fits elsewhere. Scores
 * only rise while shedding (targets fill up, overloads shrink), so they are kept lazily
 * in a heap: the lowest stored score is re-evaluated before it is used, and re-queued if
 * it rose.
 */
export function shedOverload(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
): void {
  const { capacity } = problem;
  const queue = new MinQueue();
  const target = new Int32Array(assignment.length);
  for (let i = 0; i < assignment.length; i++) {
    const s = assignment[i] as number;
    if ((load[s] as number) > (capacity[s] as number)) {
      queue.push(evaluateShed(problem, assignment, load, i, target), i);
    }
  }
  for (;;) {
    const top = queue.pop();
    if (!top || top.score === Number.POSITIVE_INFINITY) return;
    const fresh = evaluateShed(problem, assignment, load, top.job, target);
    if (fresh !== top.score) queue.push(fresh, top.job);
    else move(problem, assignment, load, top.job, target[top.job] as number);
  }
}

/**
 * The score of moving job i off its site: extra cost per unit of overload relieved when
 * it goes to the cheapest other site with room (stored in target[i]); Infinity when its
 * site is not overloaded or no other site has room.
 */
function evaluateShed(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  i: number,
  target: Int32Array,
): number {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const s = assignment[i] as number;
  const over = (load[s] as number) - (capacity[s] as number);
  if (over <= 0) return Number.POSITIVE_INFINITY;
  const d = demand[i] as number;
  let to = -1;
  for (let j = 0; j < m; j++) {
    if (j === s || (load[j] as number) + d > (capacity[j] as number)) continue;
    if (to < 0 || (cost[i * m + j] as number) < (cost[i * m + to] as number)) to = j;
  }
  if (to < 0) return Number.POSITIVE_INFINITY;
  target[i] = to;
  return (d * ((cost[i * m + to] as number) - (cost[i * m + s] as number))) / Math.min(d, over);
}

/** Moves single jobs to cheaper sites with room until no such move is left. */
export function improveByMoves(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
): void {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  let any = true;
  while (any) {
    any = false;
    for (let i = 0; i < demand.length; i++) {
      const s = assignment[i] as number;
      const d = demand[i] as number;
      let best = s;
      for (let j = 0; j < m; j++) {
        if (j === s || (load[j] as number) + d > (capacity[j] as number)) continue;
        if ((cost[i * m + j] as number) < (cost[i * m + best] as number)) best = j;
      }
      if (best !== s) {
        move(problem, assignment, load, i, best);
        any = true;
      }
    }
  }
}

/**
 * Swaps pairs of jobs of different sizes on different sites when that lowers the cost and
 * leaves no site more over capacity than before (equal sizes are cycle cancelling's
 * business); one pass. An improving swap needs one of the two jobs to prefer the other's
 * site, so only such pairs are examined. Returns whether any swapped.
 */
export function improveBySwaps(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
): boolean {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const n = demand.length;
  const members: number[][] = Array.from({ length: m }, () => []);
  for (let i = 0; i < n; i++) members[assignment[i] as number]?.push(i);
  let any = false;
  for (let i = 0; i < n; i++) {
    const di = demand[i] as number;
    const s = assignment[i] as number;
    for (let t = 0; t < m && assignment[i] === s; t++) {
      const want = (cost[i * m + s] as number) - (cost[i * m + t] as number);
      if (t === s || want <= 0) continue;
      for (const k of members[t] as number[]) {
        const dk = demand[k] as number;
        if (assignment[k] !== t || dk === di) continue;
        const gain = di * want + dk * ((cost[k * m + t] as number) - (cost[k * m + s] as number));
        if (gain <= 1e-9) continue;
        if (dk > di && (load[s] as number) - di + dk > (capacity[s] as number)) continue;
        if (di > dk && (load[t] as number) - dk + di > (capacity[t] as number)) continue;
        move(problem, assignment, load, i, t);
        move(problem, assignment, load, k, s);
        members[t]?.push(i);
        members[s]?.push(k);
        any = true;
        break;
      }
    }
  }
  return any;
}

function move(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  i: number,
  to: number,
): void {
  const from = assignment[i] as number;
  const d = problem.demand[i] as number;
  load[from] = (load[from] as number) - d;
  load[to] = (load[to] as number) + d;
  assignment[i] = to;
}
