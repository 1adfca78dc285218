/**
 * From k-means clusters to k distinct sites. Clusters pick in order of decreasing demand;
 * each considers the SHORTLIST unused candidates nearest its centroid and takes the one
 * with the least total demand-weighted distance to the cluster's jobs (a centroid on the
 * sphere minimises squared chord length, not mean latency, so the nearest colo to it is
 * not always the best one).
 */
import { unitVectorKm } from "../geo/distance";

/** How many candidates near a centroid are scored against the cluster's jobs. */
export const SHORTLIST = 6;

/** Clusters of jobs as k-means left them. */
export interface Clusters {
  readonly k: number;
  readonly labels: Int32Array;
  /** k unit vectors. */
  readonly centroids: Float64Array;
}

/**
 * Indices into `candidates` of the site chosen for each cluster, all distinct. `points`
 * and `sites` are unit vectors of the jobs and of the candidates.
 */
export function chooseSites(
  clusters: Clusters,
  points: Float64Array,
  demand: Float64Array,
  sites: Float64Array,
): Int32Array {
  const { k, labels } = clusters;
  const weight = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i] as number;
    weight[j] = (weight[j] as number) + (demand[i] as number);
  }
  const members = membersByCluster(labels, k);
  const order = Array.from({ length: k }, (_, j) => j).sort(
    (a, b) => (weight[b] as number) - (weight[a] as number) || a - b,
  );
  const used = new Uint8Array(sites.length / 3);
  const chosen = new Int32Array(k);
  for (const j of order) {
    const shortlist = nearestUnused(sites, used, clusters.centroids, j);
    const from = members.start[j] as number;
    const to = members.start[j + 1] as number;
    let best = shortlist[0] as number;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of shortlist) {
      let cost = 0;
      for (let p = from; p < to; p++) {
        const i = members.jobs[p] as number;
        cost += (demand[i] as number) * unitVectorKm(points, i, sites, c);
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    used[best] = 1;
    chosen[j] = best;
  }
  return chosen;
}

/** Job indices grouped by cluster (counting sort): cluster j's are jobs[start[j] … start[j + 1]). */
function membersByCluster(labels: Int32Array, k: number): { jobs: Int32Array; start: Int32Array } {
  const start = new Int32Array(k + 1);
  for (let i = 0; i < labels.length; i++) {
    const j = (labels[i] as number) + 1;
    start[j] = (start[j] as number) + 1;
  }
  for (let j = 0; j < k; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const next = start.slice(0, k);
  const jobs = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i] as number;
    jobs[next[j] as number] = i;
    next[j] = (next[j] as number) + 1;
  }
  return { jobs, start };
}

/** Up to SHORTLIST indices of unused sites, nearest to centroid j first (ties: lower index). */
function nearestUnused(
  sites: Float64Array,
  used: Uint8Array,
  centroids: Float64Array,
  j: number,
): number[] {
  const index: number[] = [];
  const km: number[] = [];
  for (let c = 0; c < used.length; c++) {
    if (used[c]) continue;
    const d = unitVectorKm(centroids, j, sites, c);
    if (index.length === SHORTLIST && d >= (km[SHORTLIST - 1] as number)) continue;
    let at = Math.min(index.length, SHORTLIST - 1);
    while (at > 0 && (km[at - 1] as number) > d) at--;
    index.splice(at, 0, c);
    km.splice(at, 0, d);
    if (index.length > SHORTLIST) {
      index.pop();
      km.pop();
    }
  }
  return index;
}
