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
import { addPoint, repairEmpty } from "./empty-clusters";
import { centroidsFromSums } from "./partial-sums";
import type { Seeding } from "./plus-plus";
import { squaredDistance, unitWeights } from "./vectors";

/** Stopping rules and geometry of one run. */
export interface RunOptions {
  readonly maxIter: number;
  /** Stop once the summed squared centroid shift of an iteration is at most this. */
  readonly shiftTolerance: number;
  /** Renormalise centroids to unit length (points are unit vectors). */
  readonly spherical: boolean;
}

/** The outcome of one run. */
export interface RunResult {
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  /** Number of centroid updates performed. */
  readonly iterations: number;
}

/**
 * Runs accelerated Lloyd iterations from `initial` (k·dim centroids, not modified), or from
 * a seeding that already knows each point's nearest centroid (which saves a full pass).
 * A seeding is consumed: its labels array becomes the run's labels (and the result's).
 * `bounds` (2n entries, overwritten) may be passed so that restarts share one array.
 */
export function hamerlyRun(
  points: Float64Array,
  dim: number,
  initial: Float64Array | Seeding,
  options: RunOptions,
  weights?: Float64Array,
  bounds?: Float64Array,
): RunResult {
  const n = points.length / dim;
  const state = new HamerlyState(points, dim, initial, weights ?? unitWeights(n), bounds);
  let iterations = 0;
  let settled = false;
  while (iterations < options.maxIter) {
    iterations++;
    const { totalShift, repaired } = state.moveCentroids(options.spherical);
    if (totalShift <= options.shiftTolerance && !repaired) break;
    if (repaired) state.forgetBounds();
    if (state.reassign() === 0) {
      settled = true;
      break;
    }
  }
  const inertia = state.finish(settled);
  return { centroids: state.centroids, labels: state.labels, inertia, iterations };
}

/** Working arrays of one run; every array is indexed by point or by cluster. */
class HamerlyState {
  readonly n: number;
  readonly k: number;
  /** Current centroids, k·dim. */
  centroids: Float64Array;
  /** Scratch for the next centroids; swapped with `centroids` each iteration. */
  next: Float64Array;
  /** labels[i] is the cluster of point i; sums and clusterWeights always match it. */
  readonly labels: Int32Array;
  /**
   * Bounds of point i in cluster a = labels[i], stored against the drift of a:
   * bounds[2i] + up[a] ≥ distance from point i to centroid a, and
   * bounds[2i + 1] − down[a] ≤ distance from point i to every other centroid.
   */
  readonly bounds: Float64Array;
  /** up[j]: how far centroid j has moved in total since the run began. */
  readonly up: Float64Array;
  /** down[j]: how much the lower bounds of cluster j's points have loosened in total. */
  readonly down: Float64Array;
  readonly sums: Float64Array;
  readonly clusterWeights: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly half: Float64Array;

  constructor(
    readonly points: Float64Array,
    readonly dim: number,
    initial: Float64Array | Seeding,
    readonly weights: Float64Array,
    bounds: Float64Array | undefined,
  ) {
    const seeding = initial instanceof Float64Array ? undefined : initial;
    const start = seeding ? seeding.centroids : (initial as Float64Array);
    const n = points.length / dim;
    const k = start.length / dim;
    this.n = n;
    this.k = k;
    this.centroids = Float64Array.from(start);
    this.next = new Float64Array(k * dim);
    this.labels = seeding ? seeding.labels : new Int32Array(n);
    this.bounds = bounds ?? new Float64Array(2 * n);
    this.up = new Float64Array(k);
    this.down = new Float64Array(k);
    this.sums = new Float64Array(k * dim);
    this.clusterWeights = new Float64Array(k);
    this.half = new Float64Array(k);
    const { labels } = this;
    for (let i = 0; i < n; i++) {
      if (seeding) {
        // The seeding knows the nearest centroid; the lower bound 0 is merely uninformative.
        this.bounds[2 * i] = Math.sqrt(seeding.closest[i] as number);
        this.bounds[2 * i + 1] = 0;
      } else {
        labels[i] = assignExactly(points, i, this.centroids, k, dim, this.bounds);
      }
      addPoint(
        points,
        i,
        dim,
        weights[i] as number,
        labels[i] as number,
        this.sums,
        this.clusterWeights,
      );
    }
  }

  /** Moves every centroid to the mean of its cluster, repairing empty clusters. */
  moveCentroids(spherical: boolean): { totalShift: number; repaired: boolean } {
    const { k, dim, sums, clusterWeights, up, down } = this;
    const empty = centroidsFromSums(
      sums,
      clusterWeights,
      this.centroids,
      dim,
      spherical,
      this.next,
    );
    const repaired = empty.length > 0;
    if (repaired) {
      repairEmpty(
        empty,
        this.points,
        dim,
        this.weights,
        this.labels,
        this.next,
        sums,
        clusterWeights,
        spherical,
      );
    }
    let totalShift = 0;
    let maxShift = 0;
    let secondShift = 0;
    let maxAt = -1;
    for (let j = 0; j < k; j++) {
      const s2 = squaredDistance(this.centroids, j, this.next, j, dim);
      const s = Math.sqrt(s2);
      up[j] = (up[j] as number) + s;
      totalShift += s2;
      if (s > maxShift) {
        secondShift = maxShift;
        maxShift = s;
        maxAt = j;
      } else if (s > secondShift) secondShift = s;
    }
    // Every other centroid came at most maxShift nearer (secondShift for the cluster whose
    // own centroid moved the most).
    for (let j = 0; j < k; j++)
      down[j] = (down[j] as number) + (j === maxAt ? secondShift : maxShift);
    const previous = this.centroids;
    this.centroids = this.next;
    this.next = previous;
    halfGaps(this.centroids, k, dim, this.half);
    return { totalShift, repaired };
  }

  /** Makes every bound uninformative, so the next reassignment checks every point. */
  forgetBounds(): void {
    const { bounds } = this;
    for (let i = 0; i < this.n; i++) {
      bounds[2 * i] = Number.POSITIVE_INFINITY;
      bounds[2 * i + 1] = Number.NEGATIVE_INFINITY;
    }
  }

  /** Reassigns every point whose bounds do not rule out a move; returns the moves. */
  reassign(): number {
    const { n, k, dim, points, centroids, labels, bounds, up, down, half } = this;
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number;
      const upA = up[a] as number;
      const u = (bounds[2 * i] as number) + upA;
      const l = (bounds[2 * i + 1] as number) - (down[a] as number);
      const h = half[a] as number;
      // The point stays unless it is beyond both the half gap and the lower bound. Tested
      // as one bit so that the branch is nearly always taken: a branch on either test
      // alone mispredicts for a good share of the points.
      if ((Number(u > h) & Number(u > l)) === 0) continue;
      const exact = Math.sqrt(squaredDistance(points, i, centroids, a, dim));
      if ((Number(exact > h) & Number(exact > l)) === 0) {
        bounds[2 * i] = exact - upA;
        continue;
      }
      const b = assignExactly(points, i, centroids, k, dim, bounds);
      bounds[2 * i] = (bounds[2 * i] as number) - (up[b] as number);
      bounds[2 * i + 1] = (bounds[2 * i + 1] as number) + (down[b] as number);
      if (b !== a) {
        const w = this.weights[i] as number;
        addPoint(points, i, dim, -w, a, this.sums, this.clusterWeights);
        addPoint(points, i, dim, w, b, this.sums, this.clusterWeights);
        labels[i] = b;
        changes++;
      }
    }
    return changes;
  }

  /**
   * Returns the inertia. Unless the run settled (labels already nearest to centroids
   * that are their means), labels are first set to the nearest final centroid, by one more
   * bounded reassignment (bounds stay valid whether or not the centroids just moved).
   */
  finish(settled: boolean): number {
    if (!settled) this.reassign();
    const { n, dim, points, centroids, labels } = this;
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      inertia +=
        (this.weights[i] as number) *
        squaredDistance(points, i, centroids, labels[i] as number, dim);
    }
    return inertia;
  }
}

/**
 * Returns the centroid nearest to point i, writing the distance to it and to the second
 * nearest into bounds[2i] and bounds[2i + 1] (not yet made relative to any drift).
 */
function assignExactly(
  points: Float64Array,
  i: number,
  centroids: Float64Array,
  k: number,
  dim: number,
  bounds: Float64Array,
): number {
  let best = Number.POSITIVE_INFINITY;
  let second = Number.POSITIVE_INFINITY;
  let at = 0;
  for (let j = 0; j < k; j++) {
    const s = squaredDistance(points, i, centroids, j, dim);
    if (s < best) {
      second = best;
      best = s;
      at = j;
    } else if (s < second) second = s;
  }
  bounds[2 * i] = Math.sqrt(best);
  bounds[2 * i + 1] = Math.sqrt(second);
  return at;
}

/** half[j] = half the distance from centroid j to its nearest other centroid. */
function halfGaps(centroids: Float64Array, k: number, dim: number, half: Float64Array): void {
  half.fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = Math.sqrt(squaredDistance(centroids, a, centroids, b, dim)) / 2;
      if (h < (half[a] as number)) half[a] = h;
      if (h < (half[b] as number)) half[b] = h;
    }
  }
}
