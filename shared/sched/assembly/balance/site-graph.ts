/**
 * The site graph of shortest-paths balancing with equal demands: sites are the vertices
 * and the cheapest single-job move between two sites is the edge (see shortest-paths.ts).
 */
import { Problem } from "./problem";
import { setF64, setI32 } from "./unchecked";

/**
 * The partial assignment and its site graph, for shortest-paths balancing
 * (shortest-paths.ts has the algorithm): the site of every placed job, each site's free
 * slots, and for every pair of sites x → y the job on x that moves to y at least extra
 * cost. `insert` places a job along a cheapest path of moves to a site with a free slot
 * (Dijkstra over costs reduced by Johnson potentials) and keeps the edges it touched up
 * to date.
 */
export class SiteGraph {
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
