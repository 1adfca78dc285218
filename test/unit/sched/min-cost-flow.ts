/**
 * Exact reference for the balancing tests: minimum-cost flow by successive shortest paths
 * (Dijkstra with Johnson potentials) on source → jobs → sites → sink. With integer demands
 * and capacities the flow is integral but may split a job across sites, so its cost is a
 * lower bound on every assignment's cost, and equal to the optimum for unit demands.
 */
import type { BalanceProblem } from "../../../shared/sched/balance/problem";

interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

/** The minimum Σ demand·cost over all (splittable) flows that serve every demand. */
export function minCostFlowLowerBound(problem: BalanceProblem): number {
  const { cost, demand, capacity } = problem;
  const n = demand.length;
  const m = capacity.length;
  const source = 0;
  const sink = n + m + 1;
  const graph: Edge[][] = Array.from({ length: n + m + 2 }, () => []);
  const addEdge = (from: number, to: number, cap: number, c: number) => {
    graph[from]?.push({ to, cap, cost: c, rev: graph[to]?.length ?? 0 });
    graph[to]?.push({ to: from, cap: 0, cost: -c, rev: (graph[from]?.length ?? 1) - 1 });
  };
  let need = 0;
  for (let i = 0; i < n; i++) {
    const d = demand[i] as number;
    need += d;
    addEdge(source, 1 + i, d, 0);
    for (let j = 0; j < m; j++) addEdge(1 + i, 1 + n + j, d, cost[i * m + j] as number);
  }
  for (let j = 0; j < m; j++) addEdge(1 + n + j, sink, Math.min(capacity[j] as number, need), 0);

  const size = graph.length;
  const potential = new Float64Array(size);
  let total = 0;
  while (need > 0) {
    const dist = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    const prevNode = new Int32Array(size).fill(-1);
    const prevEdge = new Int32Array(size).fill(-1);
    const done = new Uint8Array(size);
    dist[source] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < size; v++) {
        if (
          !done[v] &&
          (dist[v] as number) < Number.POSITIVE_INFINITY &&
          (u < 0 || (dist[v] as number) < (dist[u] as number))
        )
          u = v;
      }
      if (u < 0) break;
      done[u] = 1;
      (graph[u] ?? []).forEach((e, index) => {
        if (e.cap <= 0) return;
        const reduced = e.cost + (potential[u] as number) - (potential[e.to] as number);
        const candidate = (dist[u] as number) + Math.max(0, reduced);
        if (candidate < (dist[e.to] as number) - 1e-12) {
          dist[e.to] = candidate;
          prevNode[e.to] = u;
          prevEdge[e.to] = index;
        }
      });
    }
    if (!((dist[sink] as number) < Number.POSITIVE_INFINITY))
      throw new Error("demand exceeds capacity");
    for (let v = 0; v < size; v++)
      if ((dist[v] as number) < Number.POSITIVE_INFINITY)
        potential[v] = (potential[v] as number) + (dist[v] as number);
    let push = need;
    for (let v = sink; v !== source; v = prevNode[v] as number) {
      const e = graph[prevNode[v] as number]?.[prevEdge[v] as number] as Edge;
      push = Math.min(push, e.cap);
    }
    for (let v = sink; v !== source; v = prevNode[v] as number) {
      const e = graph[prevNode[v] as number]?.[prevEdge[v] as number] as Edge;
      e.cap -= push;
      const back = graph[e.to]?.[e.rev] as Edge;
      back.cap += push;
      total += push * e.cost;
    }
    need -= push;
  }
  return total;
}
