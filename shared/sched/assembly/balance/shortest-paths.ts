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
import { sortByKeyDescending } from "./sort";
import { setF64, setI32 } from "./unchecked";

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

/** The partial assignment and its site graph. */
class SiteGraph {
  readonly n: i32;
  readonly m: i32;
  readonly cost: Float64Array;
  /** site[i] = the site of job i, or −1 while it is not placed. */
  readonly site: Int32Array;
  /** Slots of each site minus the jobs on it (Infinity when unlimited; negative if overfull). */
  readonly free: Float64Array;
  /**
   * The jobs on each site: those of site x are members[x·n .. x·n + count[x]), in the
   * order that placements and swap-removals left them (which decides ties in `remove`);
   * slot[i] is job i's position in its site's list.
   */
  private readonly members: Int32Array;
  private readonly count: Int32Array;
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
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly done: Uint8Array;
  /** Scratch: the columns of a row that `remove` recomputes. */
  private readonly stale: Int32Array;

  constructor(problem: Problem, size: f64) {
    const n = problem.n;
    const m = problem.m;
    this.n = n;
    this.m = m;
    this.cost = problem.cost;
    this.site = new Int32Array(n).fill(-1);
    const free = new Float64Array(m);
    for (let y = 0; y < m; y++) free[y] = slotsOf(problem.capacity[y], size);
    this.free = free;
    this.members = new Int32Array(m * n);
    this.count = new Int32Array(m);
    this.slot = new Int32Array(n);
    this.move = new Float64Array(m * m).fill(Infinity);
    this.mover = new Int32Array(m * m).fill(-1);
    this.potential = new Float64Array(m);
    this.dist = new Float64Array(m);
    this.pred = new Int32Array(m);
    this.done = new Uint8Array(m);
    this.stale = new Int32Array(m);
  }

  /** The cheapest site of job i (the lowest index on ties). */
  cheapest(i: i32): i32 {
    const cost = this.cost;
    const m = this.m;
    let best = 0;
    for (let y = 1; y < m; y++) if (cost[i * m + y] < cost[i * m + best]) best = y;
    return best;
  }

  /** Puts unplaced job i on site y. */
  place(i: i32, y: i32): void {
    const cost = this.cost;
    const m = this.m;
    const move = this.move;
    const mover = this.mover;
    this.site[i] = y;
    const length = this.count[y];
    this.members[y * this.n + length] = i;
    this.slot[i] = length;
    this.count[y] = length + 1;
    this.free[y] -= 1;
    const here = cost[i * m + y];
    for (let z = 0; z < m; z++) {
      const v = unchecked(cost[i * m + z]) - here;
      if (z !== y && v < unchecked(move[y * m + z])) {
        setF64(move, y * m + z, v);
        setI32(mover, y * m + z, i);
      }
    }
  }

  /**
   * Inserts unplaced job i along a cheapest path to a site with a free slot; returns false
   * (changing nothing) when no site has one.
   */
  insert(i: i32): bool {
    const cost = this.cost;
    const m = this.m;
    const move = this.move;
    const potential = this.potential;
    const dist = this.dist;
    const pred = this.pred;
    const done = this.done;
    for (let y = 0; y < m; y++) {
      dist[y] = cost[i * m + y] - potential[y];
      pred[y] = -1;
      done[y] = 0;
    }
    for (let round = 0; round < m; round++) {
      let x = -1;
      for (let y = 0; y < m; y++) {
        if (!unchecked(done[y]) && (x < 0 || unchecked(dist[y]) < unchecked(dist[x]))) x = y;
      }
      done[x] = 1;
      const dx = dist[x];
      const px = potential[x];
      for (let y = 0; y < m; y++) {
        const w = unchecked(move[x * m + y]);
        if (unchecked(done[y]) || w === Infinity) continue;
        const reduced = w + px - unchecked(potential[y]);
        const d = dx + (reduced > 0 ? reduced : 0);
        if (d < unchecked(dist[y])) {
          setF64(dist, y, d);
          setI32(pred, y, x);
        }
      }
    }
    let end = -1;
    let endCost = Infinity;
    for (let y = 0; y < m; y++) {
      const total = dist[y] + potential[y];
      if (this.free[y] > 0 && total < endCost) {
        endCost = total;
        end = y;
      }
    }
    if (end < 0) return false;
    for (let y = 0; y < m; y++) potential[y] += dist[y];
    // The moves along the path, from its end back to its start: (job, to) pairs.
    const moves = new Int32Array(2 * m);
    let length = 0;
    let y = end;
    for (let x = pred[y]; x >= 0; y = x, x = pred[y]) {
      moves[length++] = this.mover[x * m + y];
      moves[length++] = y;
    }
    for (let k = 0; k < length; k += 2) {
      const job = moves[k];
      this.remove(job);
      this.place(job, moves[k + 1]);
    }
    this.place(i, y);
    return true;
  }

  /** Takes job i off its site, recomputing those of the site's edges that it attained. */
  private remove(i: i32): void {
    const cost = this.cost;
    const m = this.m;
    const move = this.move;
    const mover = this.mover;
    const members = this.members;
    const x = this.site[i];
    const base = x * this.n;
    const length = this.count[x] - 1;
    const last = members[base + length];
    if (last !== i) {
      const at = this.slot[i];
      members[base + at] = last;
      this.slot[last] = at;
    }
    this.count[x] = length;
    this.site[i] = -1;
    this.free[x] += 1;
    const stale = this.stale;
    let count = 0;
    for (let z = 0; z < m; z++) {
      if (mover[x * m + z] !== i) continue;
      stale[count++] = z;
      move[x * m + z] = Infinity;
      mover[x * m + z] = -1;
    }
    for (let k = 0; k < length; k++) {
      const j = unchecked(members[base + k]);
      const here = unchecked(cost[j * m + x]);
      for (let s = 0; s < count; s++) {
        const z = unchecked(stale[s]);
        const v = unchecked(cost[j * m + z]) - here;
        if (v < unchecked(move[x * m + z])) {
          setF64(move, x * m + z, v);
          setI32(mover, x * m + z, j);
        }
      }
    }
  }
}

/** Jobs of demand `size` that fit into `capacity`, counted the way loads are summed. */
function slotsOf(capacity: f64, size: f64): f64 {
  if (capacity === Infinity) return capacity;
  let slots = max<f64>(0, floor<f64>(capacity / size));
  while (slots > 0 && slots * size > capacity) slots--;
  while ((slots + 1) * size <= capacity) slots++;
  return slots;
}
