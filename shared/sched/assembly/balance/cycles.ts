/**
 * Improvement by cycle cancelling on the site graph. An edge x → y stands for moving the
 * job on site x for which moving to y costs least, d·(c[y] − c[x]). An extra node R closes
 * chains: y → R when y has free room for the job (a job may enter without one leaving)
 * and R → x for every x (a job may leave without one entering). A negative cycle is a set
 * of job moves that lowers the total cost while every site in it receives one job and
 * sends one. The graph is built from the jobs of one demand size at a time, so a cycle
 * never changes a site's load except to fill free room: every cycle is feasible. With
 * unit demands these are exactly the negative cycles of the min-cost-flow residual graph,
 * so when none is left the assignment is optimal.
 */
import { Problem } from "./problem";
import { setF64, setI32 } from "./unchecked";

const EPSILON: f64 = 1e-9;

/**
 * Cycle cancelling on one problem. Its scratch arrays are allocated once and reused by
 * every `cancel`, since the kernels' heap frees nothing during a call.
 */
export class CycleCanceller {
  private readonly problem: Problem;
  /** Sites plus R. */
  private readonly nodes: i32;
  /** edgeCost[x·nodes + y]: the site graph's edge costs (Infinity: no edge). */
  private readonly edgeCost: Float64Array;
  /** edgeJob[x·nodes + y]: the job that an edge between two sites moves. */
  private readonly edgeJob: Int32Array;
  /** Sites whose outgoing edges are out of date. */
  private readonly stale: Uint8Array;
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly cycle: Int32Array;

  constructor(problem: Problem) {
    const nodes = problem.m + 1;
    this.problem = problem;
    this.nodes = nodes;
    this.edgeCost = new Float64Array(nodes * nodes);
    this.edgeJob = new Int32Array(nodes * nodes);
    this.stale = new Uint8Array(nodes - 1);
    this.dist = new Float64Array(nodes);
    this.pred = new Int32Array(nodes);
    this.cycle = new Int32Array(nodes);
  }

  /**
   * Cancels negative cycles among the jobs of demand `size` until none is left or after
   * `maxRounds`; returns how many it cancelled.
   */
  cancel(assignment: Int32Array, load: Float64Array, size: f64, maxRounds: f64): i32 {
    const problem = this.problem;
    const nodes = this.nodes;
    const stale = this.stale;
    const cycle = this.cycle;
    stale.fill(1);
    let rounds = 0;
    while (<f64>rounds < maxRounds) {
      buildSiteGraph(problem, assignment, load, size, stale, this.edgeCost, this.edgeJob);
      const length = negativeCycle(this.edgeCost, nodes, this.dist, this.pred, cycle);
      if (length === 0) break;
      applyCycle(problem, assignment, load, cycle, length, this.edgeJob);
      for (let c = 0; c < length; c++) if (cycle[c] < nodes - 1) stale[cycle[c]] = 1;
      rounds++;
    }
    return rounds;
  }
}

/**
 * Recomputes the edges out of the `stale` sites (whose jobs or load changed; edges out of
 * other sites depend only on their own jobs) and clears `stale`.
 */
function buildSiteGraph(
  problem: Problem,
  assignment: Int32Array,
  load: Float64Array,
  size: f64,
  stale: Uint8Array,
  edgeCost: Float64Array,
  edgeJob: Int32Array,
): void {
  const cost = problem.cost;
  const demand = problem.demand;
  const capacity = problem.capacity;
  const m = problem.m;
  const nodes = m + 1;
  for (let x = 0; x < m; x++) {
    if (!stale[x]) continue;
    edgeCost.fill(Infinity, x * nodes, x * nodes + m);
    const room = load[x] + size <= capacity[x];
    edgeCost[x * nodes + m] = room ? 0 : Infinity;
    edgeCost[m * nodes + x] = 0;
  }
  for (let i = 0; i < assignment.length; i++) {
    const x = assignment[i];
    if (!stale[x] || demand[i] !== size) continue;
    const here = cost[i * m + x];
    for (let y = 0; y < m; y++) {
      const delta = size * (unchecked(cost[i * m + y]) - here);
      if (y !== x && delta < unchecked(edgeCost[x * nodes + y])) {
        setF64(edgeCost, x * nodes + y, delta);
        setI32(edgeJob, x * nodes + y, i);
      }
    }
  }
  stale.fill(0);
}

/**
 * Finds a negative-cost cycle by Bellman–Ford from a virtual root and writes its nodes,
 * in edge order, to `cycle`; returns its length, or 0 when there is none.
 */
function negativeCycle(
  edgeCost: Float64Array,
  nodes: i32,
  dist: Float64Array,
  pred: Int32Array,
  cycle: Int32Array,
): i32 {
  dist.fill(0);
  pred.fill(-1);
  let last = -1;
  for (let round = 0; round < nodes; round++) {
    last = -1;
    for (let x = 0; x < nodes; x++) {
      for (let y = 0; y < nodes; y++) {
        const w = unchecked(edgeCost[x * nodes + y]);
        if (w === Infinity) continue;
        if (unchecked(dist[x]) + w < unchecked(dist[y]) - EPSILON) {
          setF64(dist, y, unchecked(dist[x]) + w);
          setI32(pred, y, x);
          last = y;
        }
      }
    }
    if (last < 0) return 0;
  }
  let v = last;
  for (let step = 0; step < nodes; step++) v = pred[v];
  // Walk the predecessors back from v, then reverse them into edge order.
  let length = 0;
  cycle[length++] = v;
  for (let u = pred[v]; u !== v; u = pred[u]) cycle[length++] = u;
  for (let a = 0, b = length - 1; a < b; a++, b--) {
    const t = cycle[a];
    cycle[a] = cycle[b];
    cycle[b] = t;
  }
  return length;
}

/** Moves, for each edge x → y of the cycle between sites, its job from x to y. */
function applyCycle(
  problem: Problem,
  assignment: Int32Array,
  load: Float64Array,
  cycle: Int32Array,
  length: i32,
  edgeJob: Int32Array,
): void {
  const m = problem.m;
  const nodes = m + 1;
  for (let c = 0; c < length; c++) {
    const x = cycle[c];
    const y = cycle[(c + 1) % length];
    if (x === m || y === m) continue;
    const job = edgeJob[x * nodes + y];
    const from = assignment[job];
    const d = problem.demand[job];
    load[from] -= d;
    load[y] += d;
    assignment[job] = y;
  }
}
