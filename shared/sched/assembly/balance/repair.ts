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
import { MoveTable } from "./move-table";
import { Problem } from "./problem";

/** Least saving for which a swap is made, against rounding noise. */
const SWAP_EPSILON: f64 = 1e-9;

/** Each job on the site minimising cost + price (the lowest index on ties). */
export function roundWithPrices(problem: Problem, prices: Float64Array): Int32Array {
  const cost = problem.cost;
  const n = problem.n;
  const m = prices.length;
  const assignment = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = Infinity;
    for (let j = 0; j < m; j++) {
      const value = cost[i * m + j] + prices[j];
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
 * of overload relieved (the lowest job index on ties), until none is overloaded or no job
 * on one fits elsewhere. For a given overloaded site, target and demand size the best job
 * is the table's mover, so each step compares O(m²·sizes) candidates.
 */
export function shedOverload(table: MoveTable): void {
  const m = table.m;
  const sizes = table.sizes;
  const delta = table.delta;
  const mover = table.mover;
  const load = table.load;
  const capacity = table.problem.capacity;
  const sizeCount = sizes.length;
  for (;;) {
    let bestScore = Infinity;
    let bestJob = -1;
    let bestTo = -1;
    for (let x = 0; x < m; x++) {
      const over = load[x] - capacity[x];
      if (over <= 0) continue;
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = (x * m + y) * sizeCount;
        for (let s = 0; s < sizeCount; s++) {
          const d = unchecked(sizes[s]);
          const v = unchecked(delta[cell + s]);
          if (v === Infinity || load[y] + d > capacity[y]) continue;
          const score = (d * v) / min<f64>(d, over);
          const job = mover[cell + s];
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
  const m = table.m;
  const sizes = table.sizes;
  const delta = table.delta;
  const mover = table.mover;
  const load = table.load;
  const capacity = table.problem.capacity;
  const sizeCount = sizes.length;
  for (;;) {
    let bestGain: f64 = 0;
    let bestJob = -1;
    let bestTo = -1;
    for (let x = 0; x < m; x++) {
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = (x * m + y) * sizeCount;
        for (let s = 0; s < sizeCount; s++) {
          const d = unchecked(sizes[s]);
          const gain = -d * unchecked(delta[cell + s]);
          if (gain <= bestGain || load[y] + d > capacity[y]) continue;
          bestGain = gain;
          bestJob = mover[cell + s];
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
export function improveBySwaps(table: MoveTable): bool {
  const m = table.m;
  const sizes = table.sizes;
  const delta = table.delta;
  const mover = table.mover;
  const load = table.load;
  const capacity = table.problem.capacity;
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
          const di = unchecked(sizes[a]);
          const moveOut = di * unchecked(delta[out + a]);
          if (moveOut === Infinity) continue;
          for (let b = 0; b < sizeCount; b++) {
            if (b === a) continue;
            const dk = unchecked(sizes[b]);
            const gain = -moveOut - dk * unchecked(delta[back + b]);
            if (gain <= bestGain) continue;
            if (dk > di && load[x] - di + dk > capacity[x]) continue;
            if (di > dk && load[y] - dk + di > capacity[y]) continue;
            bestGain = gain;
            bestI = mover[out + a];
            bestK = mover[back + b];
          }
        }
      }
    }
    if (bestI < 0) break;
    const x = table.assignment[bestI];
    table.move(bestI, table.assignment[bestK]);
    table.move(bestK, x);
  }
  return swaps > 0;
}
