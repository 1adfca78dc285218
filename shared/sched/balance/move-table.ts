/**
 * The cheapest single moves of an assignment with mixed demands, kept up to date as jobs
 * move: for each ordered pair of sites (x, y) and each distinct demand size, the job of
 * that size on x whose move to y costs least per unit. Any improving move, the best shed
 * move off an overloaded site and the best swap between two sites read it in O(m²·sizes)
 * (O(m²·sizes²) for swaps) instead of rescanning the jobs of whole sites; a move
 * recomputes only the two rows (sites) it touched, O(jobs on them · m).
 */
import type { BalanceProblem, DemandSizes } from "./problem";

/** Jobs by site, the best moves per (from, to, size) and the assignment they describe. */
export class MoveTable {
  readonly problem: BalanceProblem;
  readonly m: number;
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
  /** The job that attains each `delta` entry, or −1. */
  readonly mover: Int32Array;
  /** The jobs on each site, in no particular order; slot[i] is job i's index in its list. */
  private readonly members: number[][];
  private readonly slot: Int32Array;

  constructor(
    problem: BalanceProblem,
    { sizes, sizeIndex }: DemandSizes,
    assignment: Int32Array,
    load: Float64Array,
  ) {
    const { demand } = problem;
    const m = problem.capacity.length;
    this.problem = problem;
    this.m = m;
    this.assignment = assignment;
    this.load = load;
    this.sizes = sizes;
    this.sizeIndex = sizeIndex;
    const cells = m * m * this.sizes.length;
    this.delta = new Float64Array(cells);
    this.mover = new Int32Array(cells);
    this.members = Array.from({ length: m }, () => []);
    this.slot = new Int32Array(demand.length);
    for (let i = 0; i < assignment.length; i++) {
      const list = this.members[assignment[i] as number] as number[];
      this.slot[i] = list.length;
      list.push(i);
    }
    for (let x = 0; x < m; x++) this.refresh(x);
  }

  /** Moves job i to site `to`, updating loads and the rows of both sites. */
  move(i: number, to: number): void {
    const { assignment, load } = this;
    const from = assignment[i] as number;
    const d = this.problem.demand[i] as number;
    const list = this.members[from] as number[];
    const last = list.pop() as number;
    if (last !== i) {
      const at = this.slot[i] as number;
      list[at] = last;
      this.slot[last] = at;
    }
    const target = this.members[to] as number[];
    this.slot[i] = target.length;
    target.push(i);
    load[from] = (load[from] as number) - d;
    load[to] = (load[to] as number) + d;
    assignment[i] = to;
    this.refresh(from);
    this.refresh(to);
  }

  /** Recomputes the row of site x from its jobs. */
  private refresh(x: number): void {
    const { m, delta, mover } = this;
    const { cost } = this.problem;
    const sizeCount = this.sizes.length;
    const rowStart = x * m * sizeCount;
    delta.fill(Number.POSITIVE_INFINITY, rowStart, rowStart + m * sizeCount);
    mover.fill(-1, rowStart, rowStart + m * sizeCount);
    for (const i of this.members[x] as number[]) {
      const here = cost[i * m + x] as number;
      const s = this.sizeIndex[i] as number;
      for (let y = 0; y < m; y++) {
        if (y === x) continue;
        const cell = rowStart + y * sizeCount + s;
        const v = (cost[i * m + y] as number) - here;
        if (v < (delta[cell] as number) || (v === delta[cell] && i < (mover[cell] as number))) {
          delta[cell] = v;
          mover[cell] = i;
        }
      }
    }
  }
}
