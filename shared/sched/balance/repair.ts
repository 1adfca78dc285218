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
import type { MoveTable } from "./move-table";
import type { BalanceProblem } from "./problem";

/** Least saving for which a swap is made, against rounding noise. */
const SWAP_EPSILON = 1e-9;

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
 * of overload relieved, until none is overloaded or no job on one fits elsewhere. For a
 * given overloaded site, target and demand size the best job is the table's mover, so
 * each step compares O(m²·sizes) candidates.
 */
export function shedOverload(table: MoveTable): void {
  const { m, sizes, delta, mover, load } = table;
  const { capacity } = table.problem;
  const sizeCount = sizes.length;
  for (;;) {
    let bestScore = Number.POSITIVE_INFINITY;
    let bestJob = -1;
    let bestTo = -1;
    for (let x = 0; x < m; x++) {
      const over = (load[x] as number) - (capacity[x] as number);
      if (over <= 0) continue;
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = (x * m + y) * sizeCount;
        for (let s = 0; s < sizeCount; s++) {
          const d = sizes[s] as number;
          const v = delta[cell + s] as number;
          if (v === Number.POSITIVE_INFINITY || (load[y] as number) + d > (capacity[y] as number)) {
            continue;
          }
          const score = (d * v) / Math.min(d, over);
          const job = mover[cell + s] as number;
          if (score < bestScore || (score === bestScore && job < bestJob)) {
            bestScore = score;
            bestJob = job;
            bestTo = y;
          }
        }
      }
    }
    if (bestJob < 0) return;
    table.move(bestJob, bestTo);
  }
}

/**
 * Moves single jobs to cheaper sites with room, each time the move that saves most, until
 * no such move is left.
 */
export function improveByMoves(table: MoveTable): void {
  const { m, sizes, delta, mover, load } = table;
  const { capacity } = table.problem;
  const sizeCount = sizes.length;
  for (;;) {
    let bestGain = 0;
    let bestJob = -1;
    let bestTo = -1;
    for (let x = 0; x < m; x++) {
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = (x * m + y) * sizeCount;
        for (let s = 0; s < sizeCount; s++) {
          const d = sizes[s] as number;
          const gain = -d * (delta[cell + s] as number);
          if (gain <= bestGain || (load[y] as number) + d > (capacity[y] as number)) continue;
          bestGain = gain;
          bestJob = mover[cell + s] as number;
          bestTo = y;
        }
      }
    }
    if (bestJob < 0) return;
    table.move(bestJob, bestTo);
  }
}

/**
 * Swaps pairs of jobs of different sizes on different sites, each time the swap that saves
 * most, while one lowers the cost by more than SWAP_EPSILON and leaves no site more over
 * capacity than before (equal sizes are cycle cancelling's business), at most n swaps
 * in all. For two sites and two sizes the best pair is the two sites' movers of those
 * sizes towards each other, since the gain of a swap is the sum of its two moves' gains
 * and whether it fits depends only on the sizes. Returns whether any swapped.
 */
export function improveBySwaps(table: MoveTable): boolean {
  const { m, sizes, delta, mover, load } = table;
  const { capacity } = table.problem;
  const sizeCount = sizes.length;
  const limit = table.assignment.length;
  let swaps = 0;
  for (; swaps < limit; swaps++) {
    let bestGain = SWAP_EPSILON;
    let bestI = -1;
    let bestK = -1;
    for (let x = 0; x < m; x++) {
      for (let y = x + 1; y < m; y++) {
        const out = (x * m + y) * sizeCount;
        const back = (y * m + x) * sizeCount;
        for (let a = 0; a < sizeCount; a++) {
          const di = sizes[a] as number;
          const moveOut = di * (delta[out + a] as number);
          if (moveOut === Number.POSITIVE_INFINITY) continue;
          for (let b = 0; b < sizeCount; b++) {
            if (b === a) continue;
            const dk = sizes[b] as number;
            const gain = -moveOut - dk * (delta[back + b] as number);
            if (gain <= bestGain) continue;
            if (dk > di && (load[x] as number) - di + dk > (capacity[x] as number)) continue;
            if (di > dk && (load[y] as number) - dk + di > (capacity[y] as number)) continue;
            bestGain = gain;
            bestI = mover[out + a] as number;
            bestK = mover[back + b] as number;
          }
        }
      }
    }
    if (bestI < 0) break;
    const x = table.assignment[bestI] as number;
    table.move(bestI, table.assignment[bestK] as number);
    table.move(bestK, x);
  }
  return swaps > 0;
}
