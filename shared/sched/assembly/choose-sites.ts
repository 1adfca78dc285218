/**
 * From k-means clusters to k distinct sites. Clusters pick in order of decreasing demand
 * (ties: lower cluster first); each considers the SHORTLIST unused candidates nearest its
 * centroid and takes the one with the least total demand-weighted distance to the
 * cluster's jobs (a centroid on the sphere minimises squared chord length, not mean
 * latency, so the nearest colo to it is not always the best one).
 */
import { unitVectorKm } from "./great-circle";

/** How many candidates near a centroid are scored against the cluster's jobs. */
export const SHORTLIST: i32 = 6;

/**
 * Indices into `sites` of the site chosen for each of the k clusters, all distinct.
 * `labels` gives each job's cluster; `centroids` (k rows), `points` (the jobs) and
 * `sites` (the candidates) are unit vectors, 3 entries per row. Needs k ≤ number of sites.
 */
export function chooseSites(
  labels: Int32Array,
  centroids: Float64Array,
  points: Float64Array,
  demand: Float64Array,
  sites: Float64Array,
): Int32Array {
  const k = centroids.length / 3;
  const weight = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) weight[labels[i]] += demand[i];
  const start = clusterStarts(labels, k);
  const members = clusterMembers(labels, start);
  const order = byDecreasingWeight(weight);
  const used = new Uint8Array(sites.length / 3);
  const chosen = new Int32Array(k);
  const shortlist = new Int32Array(SHORTLIST + 1);
  const shortKm = new Float64Array(SHORTLIST + 1);
  for (let o = 0; o < k; o++) {
    const j = order[o];
    const count = nearestUnused(sites, used, centroids, j, shortlist, shortKm);
    let best = shortlist[0];
    let bestCost = Infinity;
    for (let s = 0; s < count; s++) {
      const c = shortlist[s];
      let cost: f64 = 0;
      for (let p = start[j]; p < start[j + 1]; p++) {
        const i = members[p];
        cost += demand[i] * unitVectorKm(points, i, sites, c);
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

/** Counting sort offsets: cluster j's jobs are at members[start[j] … start[j + 1]). */
function clusterStarts(labels: Int32Array, k: i32): Int32Array {
  const start = new Int32Array(k + 1);
  for (let i = 0; i < labels.length; i++) start[labels[i] + 1]++;
  for (let j = 0; j < k; j++) start[j + 1] += start[j];
  return start;
}

/** Job indices grouped by cluster, in increasing order within each cluster. */
function clusterMembers(labels: Int32Array, start: Int32Array): Int32Array {
  const next = start.slice(0, start.length - 1);
  const members = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const j = labels[i];
    members[next[j]] = i;
    next[j]++;
  }
  return members;
}

/** Cluster indices by decreasing weight, ties by increasing index (insertion sort: k ≤ 64). */
function byDecreasingWeight(weight: Float64Array): Int32Array {
  const order = new Int32Array(weight.length);
  for (let a = 0; a < weight.length; a++) {
    let at = a;
    while (at > 0 && weight[order[at - 1]] < weight[a]) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = a;
  }
  return order;
}

/**
 * Fills `index` with up to SHORTLIST unused sites nearest centroid j, nearest first (ties:
 * lower index first), their distances in `km`; returns how many.
 */
function nearestUnused(
  sites: Float64Array,
  used: Uint8Array,
  centroids: Float64Array,
  j: i32,
  index: Int32Array,
  km: Float64Array,
): i32 {
  let count = 0;
  for (let c = 0; c < used.length; c++) {
    if (used[c]) continue;
    const d = unitVectorKm(centroids, j, sites, c);
    if (count === SHORTLIST && d >= km[SHORTLIST - 1]) continue;
    let at = min(count, SHORTLIST - 1);
    for (let move = count; move > at; move--) {
      index[move] = index[move - 1];
      km[move] = km[move - 1];
    }
    while (at > 0 && km[at - 1] > d) {
      index[at] = index[at - 1];
      km[at] = km[at - 1];
      at--;
    }
    index[at] = c;
    km[at] = d;
    if (count < SHORTLIST) count++;
  }
  return count;
}
