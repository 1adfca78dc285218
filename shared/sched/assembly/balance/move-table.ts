/**
 * The cheapest single moves of an assignment with mixed demands, kept up to date as jobs
 * move: for each ordered pair of sites (x, y) and each distinct demand size, the job of
 * that size on x whose move to y costs least per unit. Any improving move, the best shed
 * move off an overloaded site and the best swap between two sites read it in O(m²·sizes)
 * (O(m²·sizes²) for swaps) instead of rescanning the jobs of whole sites; a move
 * recomputes only the two rows (sites) it touched, O(jobs on them · m).
 */
import { DemandSizes, Problem } from "./problem";
import { setF64, setI32 } from "./unchecked";

/** Jobs by site, the best moves per (from, to, size) and the assignment they describe. */
export class MoveTable {
  readonly problem: Problem;
  readonly m: i32;
  /** The distinct demands, ascending. */
  readonly sizes: Float64Array;
  /** sizeIndex[i] = the index in `sizes` of job i's demand. */
  readonly sizeIndex: Int32Array;
  /** Site of every job; the caller's array, changed in place by `move`. */
  readonly assignment: Int32Array;
  /** Per-site load; the caller's array, kept equal to the loads of `assignment`. */
  readonly load: Float64Array;
  /**
   * delta[(x·m + y)·S + s] = least c[i, y] − c[i, x] over the jobs i on x of size
   * sizes[s] (S = sizes.length); Infinity when x holds none, and on the diagonal.
   */
  readonly delta: Float64Array;
  /** The job that attains each `delta` entry (the lowest index on ties), or −1. */
  readonly mover: Int32Array;
  /**
   * The jobs on each site, in no particular order: those of site x are
   * members[x·n .. x·n + count[x]); slot[i] is job i's position in its site's list.
   */
  private readonly members: Int32Array;
  private readonly count: Int32Array;
  private readonly slot: Int32Array;

  constructor(problem: Problem, grouped: DemandSizes, assignment: Int32Array, load: Float64Array) {
    const n = problem.n;
    const m = problem.m;
    this.problem = problem;
    this.m = m;
    this.assignment = assignment;
    this.load = load;
    this.sizes = grouped.sizes;
    this.sizeIndex = grouped.sizeIndex;
    const cells = m * m * grouped.sizes.length;
    this.delta = new Float64Array(cells);
    this.mover = new Int32Array(cells);
    this.members = new Int32Array(m * n);
    this.count = new Int32Array(m);
    this.slot = new Int32Array(n);
    this.rebuild();
  }

  /** Recomputes the lists and every row from `assignment`, after others changed it. */
  rebuild(): void {
    const assignment = this.assignment;
    this.count.fill(0);
    for (let i = 0; i < assignment.length; i++) this.push(i, assignment[i]);
    for (let x = 0; x < this.m; x++) this.refresh(x);
  }

  /** Moves job i to site `to`, updating loads and the rows of both sites. */
  move(i: i32, to: i32): void {
    const assignment = this.assignment;
    const load = this.load;
    const n = this.problem.n;
    const from = assignment[i];
    const d = this.problem.demand[i];
    const length = this.count[from] - 1;
    const last = this.members[from * n + length];
    if (last !== i) {
      const at = this.slot[i];
      this.members[from * n + at] = last;
      this.slot[last] = at;
    }
    this.count[from] = length;
    this.push(i, to);
    load[from] -= d;
    load[to] += d;
    assignment[i] = to;
    this.refresh(from);
    this.refresh(to);
  }

  /** Appends job i to the list of site x. */
  private push(i: i32, x: i32): void {
    const length = this.count[x];
    this.members[x * this.problem.n + length] = i;
    this.slot[i] = length;
    this.count[x] = length + 1;
  }

  /** Recomputes the row of site x from its jobs. */
  private refresh(x: i32): void {
    const m = this.m;
    const delta = this.delta;
    const mover = this.mover;
    const cost = this.problem.cost;
    const sizeIndex = this.sizeIndex;
    const members = this.members;
    const sizeCount = this.sizes.length;
    const rowStart = x * m * sizeCount;
    delta.fill(Infinity, rowStart, rowStart + m * sizeCount);
    mover.fill(-1, rowStart, rowStart + m * sizeCount);
    const base = x * this.problem.n;
    const length = this.count[x];
    for (let k = 0; k < length; k++) {
      const i = unchecked(members[base + k]);
      const here = unchecked(cost[i * m + x]);
      const s = unchecked(sizeIndex[i]);
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = rowStart + y * sizeCount + s;
        const v = unchecked(cost[i * m + y]) - here;
        const current = unchecked(delta[cell]);
        if (v < current || (v === current && i < unchecked(mover[cell]))) {
          setF64(delta, cell, v);
          setI32(mover, cell, i);
        }
      }
    }
  }
}
