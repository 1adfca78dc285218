/**
 * Exact balancing when every job has the same demand: minimum-cost flow by successive
 * shortest paths, on the graph of sites rather than of jobs. An edge x → y stands for
 * moving the job on site x for which moving to y costs least; a path from a new job
 * through sites x₁ → x₂ → … → y places the job on x₁, moves one job along each edge and
 * ends on a site y with a free slot. Inserting every job along a cheapest such path keeps
 * the partial assignment optimal for the jobs inserted so far (no negative cycle), so the
 * final assignment is optimal.
 *
 * The start is the rounding of site prices π ≥ 0 (from the relaxation; all 0 gives the
 * nearest assignment): every job goes to its site of least c + π; where more jobs want a
 * site than it has slots, they get them in decreasing order of priced regret (how much
 * their second-best priced site costs more; ties by job index) and the rest are left
 * over. Every placed job then sits on its least priced site, so −π are valid potentials:
 * no edge has negative reduced cost, and the partial assignment is optimal for its own
 * loads. Only the jobs left over, about the overflow of the rounding, are inserted by
 * Dijkstra's algorithm on the m sites (O(m²) each) over costs reduced by Johnson
 * potentials, which stay non-negative from one insertion to the next. Good prices leave
 * few jobs over, so the repair is cheap.
 *
 * When every site with a positive price ends full (complementary slackness), the result is
 * optimal; a site left with free room at a positive price may leave a negative cycle
 * through the free room, which cycle cancelling (cycles.ts) removes.
 */
import { Problem } from "./problem";
import { SiteGraph } from "./site-graph";
import { sortByKeyDescending } from "./sort";

/**
 * Site of every job for a problem whose jobs all have demand `size`, starting from the
 * rounding of `prices`; within capacity whenever the slots suffice (see above for when it
 * is optimal). When the slots run out, the remaining jobs go to their cheapest site
 * regardless of capacity.
 */
export function assignByShortestPaths(
  problem: Problem,
  size: f64,
  prices: Float64Array,
): Int32Array {
  const graph = new SiteGraph(problem, size);
  const m = graph.m;
  const n = problem.n;
  for (let y = 0; y < m; y++) graph.potential[y] = -prices[y];
  const site = new Int32Array(n);
  const regret = new Float64Array(n);
  pricedChoice(problem, prices, site, regret);
  const wanted = new Float64Array(m);
  for (let i = 0; i < n; i++) wanted[site[i]] += 1;
  const contested = new Int32Array(n);
  let contestedCount = 0;
  for (let i = 0; i < n; i++) {
    const y = site[i];
    if (wanted[y] <= graph.free[y]) graph.place(i, y);
    else contested[contestedCount++] = i;
  }
  const order = contested.slice(0, contestedCount);
  sortByKeyDescending(order, regret);
  const left = new Int32Array(contestedCount);
  let leftCount = 0;
  for (let k = 0; k < contestedCount; k++) {
    const i = order[k];
    const y = site[i];
    if (graph.free[y] > 0) graph.place(i, y);
    else left[leftCount++] = i;
  }
  let at = 0;
  while (at < leftCount && graph.insert(left[at])) at++;
  for (; at < leftCount; at++) {
    const i = left[at];
    graph.place(i, graph.cheapest(i));
  }
  return graph.site;
}

/**
 * Fills, for each job, `site` with its site of least c + π and `regret` with its priced
 * regret (second-least minus least c + π; 0 with a single site).
 */
function pricedChoice(
  problem: Problem,
  prices: Float64Array,
  site: Int32Array,
  regret: Float64Array,
): void {
  const cost = problem.cost;
  const n = problem.n;
  const m = problem.m;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let second = Infinity;
    for (let j = 0; j < m; j++) {
      const c = cost[i * m + j] + prices[j];
      if (c < best) {
        second = best;
        best = c;
        site[i] = j;
      } else if (c < second) second = c;
    }
    regret[i] = second === Infinity ? 0 : second - best;
  }
}
