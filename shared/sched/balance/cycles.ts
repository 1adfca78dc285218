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
import type { BalanceProblem } from "./problem";

const EPSILON = 1e-9;

/**
 * Cancels negative cycles among the jobs of demand `size` until none is left or after
 * `maxRounds`; returns how many it cancelled.
 */
export function cancelCycles(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  size: number,
  maxRounds: number,
): number {
  const nodes = problem.capacity.length + 1;
  const edgeCost = new Float64Array(nodes * nodes);
  const edgeJob = new Int32Array(nodes * nodes);
  const stale = new Uint8Array(nodes - 1).fill(1);
  let rounds = 0;
  while (rounds < maxRounds) {
    buildSiteGraph(problem, assignment, load, size, stale, edgeCost, edgeJob);
    const cycle = negativeCycle(edgeCost, nodes);
    if (!cycle) break;
    applyCycle(problem, assignment, load, cycle, edgeJob);
    for (const x of cycle) if (x < nodes - 1) stale[x] = 1;
    rounds++;
  }
  return rounds;
}

/**
 * Recomputes the edges out of the `stale` sites (whose jobs or load changed; edges out of
 * other sites depend only on their own jobs) and clears `stale`.
 */
function buildSiteGraph(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  size: number,
  stale: Uint8Array,
  edgeCost: Float64Array,
  edgeJob: Int32Array,
): void {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const nodes = m + 1;
  for (let x = 0; x < m; x++) {
    if (!stale[x]) continue;
    edgeCost.fill(Number.POSITIVE_INFINITY, x * nodes, x * nodes + m);
    const room = (load[x] as number) + size <= (capacity[x] as number);
    edgeCost[x * nodes + m] = room ? 0 : Number.POSITIVE_INFINITY;
    edgeCost[m * nodes + x] = 0;
  }
  for (let i = 0; i < assignment.length; i++) {
    const x = assignment[i] as number;
    if (!stale[x] || demand[i] !== size) continue;
    const here = cost[i * m + x] as number;
    for (let y = 0; y < m; y++) {
      const delta = size * ((cost[i * m + y] as number) - here);
      if (y !== x && delta < (edgeCost[x * nodes + y] as number)) {
        edgeCost[x * nodes + y] = delta;
        edgeJob[x * nodes + y] = i;
      }
    }
  }
  stale.fill(0);
}

/** A negative-cost cycle as a node list, or undefined (Bellman–Ford from a virtual root). */
function negativeCycle(edgeCost: Float64Array, nodes: number): number[] | undefined {
  const dist = new Float64Array(nodes);
  const pred = new Int32Array(nodes).fill(-1);
  let last = -1;
  for (let round = 0; round < nodes; round++) {
    last = -1;
    for (let x = 0; x < nodes; x++) {
      for (let y = 0; y < nodes; y++) {
        const w = edgeCost[x * nodes + y] as number;
        if (w === Number.POSITIVE_INFINITY) continue;
        if ((dist[x] as number) + w < (dist[y] as number) - EPSILON) {
          dist[y] = (dist[x] as number) + w;
          pred[y] = x;
          last = y;
        }
      }
    }
    if (last < 0) return undefined;
  }
  let v = last;
  for (let step = 0; step < nodes; step++) v = pred[v] as number;
  const cycle = [v];
  for (let u = pred[v] as number; u !== v; u = pred[u] as number) cycle.push(u);
  return cycle.reverse();
}

/** Moves, for each edge x → y of the cycle between sites, its job from x to y. */
function applyCycle(
  problem: BalanceProblem,
  assignment: Int32Array,
  load: Float64Array,
  cycle: readonly number[],
  edgeJob: Int32Array,
): void {
  const m = problem.capacity.length;
  const nodes = m + 1;
  const moves: [job: number, to: number][] = [];
  for (let c = 0; c < cycle.length; c++) {
    const x = cycle[c] as number;
    const y = cycle[(c + 1) % cycle.length] as number;
    if (x !== m && y !== m) moves.push([edgeJob[x * nodes + y] as number, y]);
  }
  for (const [job, to] of moves) {
    const from = assignment[job] as number;
    const d = problem.demand[job] as number;
    load[from] = (load[from] as number) - d;
    load[to] = (load[to] as number) + d;
    assignment[job] = to;
  }
}
