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
 * their second-best priced site costs more) and the rest are left over.
 * Every placed job then sits on its least priced site, so −π are valid potentials: no
 * edge has negative reduced cost, and the partial assignment is optimal for its own
 * loads. Only the jobs left over, about the overflow of the rounding, are inserted by
 * Dijkstra's algorithm on the m sites (O(m²) each) over costs reduced by Johnson
 * potentials, which stay non-negative from one insertion to the next. Good prices leave
 * few jobs over, so the repair is cheap.
 *
 * When every site with a positive price ends full (complementary slackness), the result is
 * optimal; a site left with free room at a positive price may leave a negative cycle
 * through the free room, which cycle cancelling (cycles.ts) removes.
 */
import type { BalanceProblem } from "./problem";

/**
 * Site of every job for a problem whose jobs all have demand `size`, starting from the
 * rounding of `prices`; within capacity whenever the slots suffice (see above for when it
 * is optimal). When the slots run out, the remaining jobs go to their cheapest site
 * regardless of capacity.
 */
export function assignByShortestPaths(
  problem: BalanceProblem,
  size: number,
  prices: Float64Array,
): Int32Array {
  const graph = new SiteGraph(problem, size);
  for (let y = 0; y < graph.m; y++) graph.potential[y] = -(prices[y] as number);
  const { site, regret } = pricedChoice(problem, prices);
  const wanted = new Float64Array(graph.m);
  for (const y of site) wanted[y] = (wanted[y] as number) + 1;
  const contested: number[] = [];
  for (let i = 0; i < site.length; i++) {
    const y = site[i] as number;
    if ((wanted[y] as number) <= (graph.free[y] as number)) graph.place(i, y);
    else contested.push(i);
  }
  contested.sort((a, b) => (regret[b] as number) - (regret[a] as number) || a - b);
  const left: number[] = [];
  for (const i of contested) {
    const y = site[i] as number;
    if ((graph.free[y] as number) > 0) graph.place(i, y);
    else left.push(i);
  }
  let at = 0;
  while (at < left.length && graph.insert(left[at] as number)) at++;
  for (; at < left.length; at++) {
    const i = left[at] as number;
    graph.place(i, graph.cheapest(i));
  }
  return graph.site;
}

/**
 * Each job's site of least c + π and its priced regret (second-least minus least c + π).
 */
function pricedChoice(
  problem: BalanceProblem,
  prices: Float64Array,
): { site: Int32Array; regret: Float64Array } {
  const { cost } = problem;
  const n = problem.demand.length;
  const m = problem.capacity.length;
  const regret = new Float64Array(n);
  const site = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const c = (cost[i * m + j] as number) + (prices[j] as number);
      if (c < best) {
        second = best;
        best = c;
        site[i] = j;
      } else if (c < second) second = c;
    }
    regret[i] = second === Number.POSITIVE_INFINITY ? 0 : second - best;
  }
  return { site, regret };
}

/** The partial assignment and its site graph. */
class SiteGraph {
  readonly m: number;
  readonly cost: Float64Array;
  /** site[i] = the site of job i, or −1 while it is not placed. */
  readonly site: Int32Array;
  /** Slots of each site minus the jobs on it (Infinity when unlimited; negative if overfull). */
  readonly free: Float64Array;
  /** The jobs on each site, in no particular order; slot[i] is job i's index in its list. */
  private readonly members: number[][];
  private readonly slot: Int32Array;
  /** move[x·m + y] = least c[i, y] − c[i, x] over the jobs i on x (Infinity when none). */
  readonly move: Float64Array;
  /** The job that attains move[x·m + y], or −1. */
  private readonly mover: Int32Array;
  /**
   * Site potentials: move[x·m + y] + potential[x] − potential[y] ≥ 0 for every edge (up
   * to rounding), which is what lets Dijkstra's algorithm run on the site graph.
   */
  readonly potential: Float64Array;
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly done: Uint8Array;
  /** Scratch: the columns of a row that `remove` recomputes. */
  private readonly stale: Int32Array;

  constructor(problem: BalanceProblem, size: number) {
    const n = problem.demand.length;
    const m = problem.capacity.length;
    this.m = m;
    this.cost = problem.cost;
    this.site = new Int32Array(n).fill(-1);
    this.free = Float64Array.from(problem.capacity, (c) => slotsOf(c, size));
    this.members = Array.from({ length: m }, () => []);
    this.slot = new Int32Array(n);
    this.move = new Float64Array(m * m).fill(Number.POSITIVE_INFINITY);
    this.mover = new Int32Array(m * m).fill(-1);
    this.potential = new Float64Array(m);
    this.dist = new Float64Array(m);
    this.pred = new Int32Array(m);
    this.done = new Uint8Array(m);
    this.stale = new Int32Array(m);
  }

  /** The cheapest site of job i (the lowest index on ties). */
  cheapest(i: number): number {
    const { cost, m } = this;
    let best = 0;
    for (let y = 1; y < m; y++)
      if ((cost[i * m + y] as number) < (cost[i * m + best] as number)) best = y;
    return best;
  }

  /** Puts unplaced job i on site y. */
  place(i: number, y: number): void {
    const { cost, m, move, mover } = this;
    this.site[i] = y;
    const list = this.members[y] as number[];
    this.slot[i] = list.length;
    list.push(i);
    this.free[y] = (this.free[y] as number) - 1;
    const here = cost[i * m + y] as number;
    for (let z = 0; z < m; z++) {
      const v = (cost[i * m + z] as number) - here;
      if (z !== y && v < (move[y * m + z] as number)) {
        move[y * m + z] = v;
        mover[y * m + z] = i;
      }
    }
  }

  /**
   * Inserts unplaced job i along a cheapest path to a site with a free slot; returns false
   * (changing nothing) when no site has one.
   */
  insert(i: number): boolean {
    const { cost, m, move, potential, dist, pred, done } = this;
    for (let y = 0; y < m; y++) {
      dist[y] = (cost[i * m + y] as number) - (potential[y] as number);
      pred[y] = -1;
      done[y] = 0;
    }
    for (let round = 0; round < m; round++) {
      let x = -1;
      for (let y = 0; y < m; y++) {
        if (!done[y] && (x < 0 || (dist[y] as number) < (dist[x] as number))) x = y;
      }
      done[x] = 1;
      const dx = dist[x] as number;
      const px = potential[x] as number;
      for (let y = 0; y < m; y++) {
        const w = move[x * m + y] as number;
        if (done[y] || w === Number.POSITIVE_INFINITY) continue;
        const reduced = w + px - (potential[y] as number);
        const d = dx + (reduced > 0 ? reduced : 0);
        if (d < (dist[y] as number)) {
          dist[y] = d;
          pred[y] = x;
        }
      }
    }
    let end = -1;
    let endCost = Number.POSITIVE_INFINITY;
    for (let y = 0; y < m; y++) {
      const total = (dist[y] as number) + (potential[y] as number);
      if ((this.free[y] as number) > 0 && total < endCost) {
        endCost = total;
        end = y;
      }
    }
    if (end < 0) return false;
    for (let y = 0; y < m; y++) potential[y] = (potential[y] as number) + (dist[y] as number);
    const moves: number[] = [];
    let y = end;
    for (let x = pred[y] as number; x >= 0; y = x, x = pred[y] as number) {
      moves.push(this.mover[x * m + y] as number, y);
    }
    for (let k = 0; k < moves.length; k += 2) {
      const job = moves[k] as number;
      this.remove(job);
      this.place(job, moves[k + 1] as number);
    }
    this.place(i, y);
    return true;
  }

  /** Takes job i off its site, recomputing those of the site's edges that it attained. */
  private remove(i: number): void {
    const { cost, m, move, mover } = this;
    const x = this.site[i] as number;
    const list = this.members[x] as number[];
    const last = list.pop() as number;
    if (last !== i) {
      const at = this.slot[i] as number;
      list[at] = last;
      this.slot[last] = at;
    }
    this.site[i] = -1;
    this.free[x] = (this.free[x] as number) + 1;
    const stale = this.stale;
    let count = 0;
    for (let z = 0; z < m; z++) {
      if (mover[x * m + z] !== i) continue;
      stale[count++] = z;
      move[x * m + z] = Number.POSITIVE_INFINITY;
      mover[x * m + z] = -1;
    }
    for (const j of list) {
      const here = cost[j * m + x] as number;
      for (let s = 0; s < count; s++) {
        const z = stale[s] as number;
        const v = (cost[j * m + z] as number) - here;
        if (v < (move[x * m + z] as number)) {
          move[x * m + z] = v;
          mover[x * m + z] = j;
        }
      }
    }
  }
}

/** Jobs of demand `size` that fit into `capacity`, counted the way loads are summed. */
function slotsOf(capacity: number, size: number): number {
  if (capacity === Number.POSITIVE_INFINITY) return capacity;
  let slots = Math.max(0, Math.floor(capacity / size));
  while (slots > 0 && slots * size > capacity) slots--;
  while ((slots + 1) * size <= capacity) slots++;
  return slots;
}
