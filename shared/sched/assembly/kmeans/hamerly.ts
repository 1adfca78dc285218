/**
 * One k-means run from given initial centroids: Lloyd's iteration accelerated with
 * Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010). Each point keeps
 * an upper bound on the distance to its own centroid and a lower bound on the distance to
 * every other centroid; when the upper bound is below both the lower bound and half the
 * distance from its centroid to the nearest other centroid, the point cannot change
 * cluster and no distance is computed for it. Bounds are stored relative to how far each
 * cluster's bounds have drifted since the run began, so a point that cannot move is only
 * read, never written. Cluster sums are kept incrementally, so an iteration touches only
 * the points that move.
 */
import { HamerlyState } from "./hamerly-state";

/** The outcome of one run. */
export class RunResult {
  constructor(
    readonly centroids: Float64Array,
    readonly labels: Int32Array,
    readonly inertia: f64,
    /** Number of centroid updates performed. */
    readonly iterations: i32,
  ) {}
}

/**
 * Runs accelerated Lloyd iterations from `start` (k·dim centroids, not modified) until
 * `maxIter` centroid updates, until the summed squared centroid shift of an update is at
 * most `shiftTolerance`, or until no point changes cluster. Centroids are renormalised to
 * unit length when `spherical` (points are unit vectors).
 *
 * With `seeded`, the run starts from a seeding that already knows each point's nearest
 * centroid and its squared distance (plus-plus.ts), which saves a full pass: the seeding's
 * labels array becomes the run's labels (and the result's). Otherwise labels are fresh.
 * `bounds` (2n entries, overwritten) is shared by the restarts of a fit; `taken` (n) is
 * scratch for the empty-cluster repair.
 */
export function hamerlyRun(
  points: Float64Array,
  dim: i32,
  start: Float64Array,
  seededLabels: Int32Array | null,
  seededClosest: Float64Array | null,
  maxIter: i32,
  shiftTolerance: f64,
  spherical: bool,
  weights: Float64Array,
  bounds: Float64Array,
  taken: Uint8Array,
): RunResult {
  // The loops below index unchecked, within these sizes.
  const n = points.length / dim;
  assert(weights.length >= n && bounds.length >= 2 * n && taken.length >= n);
  assert(start.length >= dim && start.length % dim === 0);
  assert(!seededLabels || seededLabels.length >= n);
  assert(!seededClosest || seededClosest.length >= n);
  const state = new HamerlyState(
    points,
    dim,
    start,
    seededLabels,
    seededClosest,
    weights,
    bounds,
    taken,
  );
  let iterations = 0;
  let settled = false;
  while (iterations < maxIter) {
    iterations++;
    const repaired = state.moveCentroids(spherical);
    if (state.totalShift <= shiftTolerance && !repaired) break;
    if (repaired) state.forgetBounds();
    if (state.reassign() === 0) {
      settled = true;
      break;
    }
  }
  const inertia = state.finish(settled);
  return new RunResult(state.centroids, state.labels, inertia, iterations);
}
