/**
 * One k-means run from given initial centroids: Lloyd's iteration accelerated with
 * Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010). Each point keeps
 * an upper bound on the distance to its own centroid and a lower bound on the distance to
 * every other centroid; when the upper bound is below both the lower bound and half the
 * distance from its centroid to the nearest other centroid, the point cannot change
 * cluster and no distance is computed for it. Cluster sums are kept incrementally, so an
 * iteration touches only the points that move.
 */
import { addPoint, repairEmpty } from "./empty-clusters";
import { centroidsFromSums } from "./partial-sums";
import type { Seeding } from "./plus-plus";
import { squaredDistance, weightOf } from "./vectors";

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
 */
export function hamerlyRun(
  points: Float64Array,
  dim: number,
  initial: Float64Array | Seeding,
  options: RunOptions,
  weights?: Float64Array,
): RunResult {
  const state = new HamerlyState(points, dim, initial, weights);
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
  /** upper[i] ≥ distance from point i to its own centroid. */
  readonly upper: Float64Array;
  /** lower[i] ≤ distance from point i to every other centroid. */
  readonly lower: Float64Array;
  readonly sums: Float64Array;
  readonly clusterWeights: Float64Array;
  /** How far each centroid moved in the last update. */
  readonly shift: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly half: Float64Array;
  maxShift = 0;
  secondShift = 0;
  maxAt = -1;

  constructor(
    readonly points: Float64Array,
    readonly dim: number,
    initial: Float64Array | Seeding,
    readonly weights: Float64Array | undefined,
  ) {
    const seeding = initial instanceof Float64Array ? undefined : initial;
    const start = seeding ? seeding.centroids : (initial as Float64Array);
    const n = points.length / dim;
    const k = start.length / dim;
    this.n = n;
    this.k = k;
    this.centroids = Float64Array.from(start);
    this.next = new Float64Array(k * dim);
    this.labels = new Int32Array(n);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.sums = new Float64Array(k * dim);
    this.clusterWeights = new Float64Array(k);
    this.shift = new Float64Array(k);
    this.half = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let a: number;
      if (seeding) {
        // The seeding knows the nearest centroid; the lower bound 0 is merely uninformative.
        a = seeding.labels[i] as number;
        this.upper[i] = Math.sqrt(seeding.closest[i] as number);
      } else {
        a = assignExactly(points, i, this.centroids, k, dim, this.upper, this.lower);
      }
      this.labels[i] = a;
      addPoint(points, i, dim, weightOf(weights, i), a, this.sums, this.clusterWeights);
    }
  }

  /** Moves every centroid to the mean of its cluster, repairing empty clusters. */
  moveCentroids(spherical: boolean): { totalShift: number; repaired: boolean } {
    const { k, dim, sums, clusterWeights, shift } = this;
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
    this.maxShift = 0;
    this.secondShift = 0;
    this.maxAt = -1;
    for (let j = 0; j < k; j++) {
      const s2 = squaredDistance(this.centroids, j, this.next, j, dim);
      const s = Math.sqrt(s2);
      shift[j] = s;
      totalShift += s2;
      if (s > this.maxShift) {
        this.secondShift = this.maxShift;
        this.maxShift = s;
        this.maxAt = j;
      } else if (s > this.secondShift) this.secondShift = s;
    }
    const previous = this.centroids;
    this.centroids = this.next;
    this.next = previous;
    halfGaps(this.centroids, k, dim, this.half);
    return { totalShift, repaired };
  }

  /** Makes every bound uninformative, so the next reassignment checks every point. */
  forgetBounds(): void {
    this.upper.fill(Number.POSITIVE_INFINITY);
    this.lower.fill(0);
    this.shift.fill(0);
    this.maxShift = 0;
    this.secondShift = 0;
  }

  /** Loosens the bounds by the centroid shifts, reassigns where needed; returns moves. */
  reassign(): number {
    const { n, k, dim, points, centroids, labels, upper, lower, shift, half } = this;
    const { maxShift, secondShift, maxAt } = this;
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number;
      const u = (upper[i] as number) + (shift[a] as number);
      const l = (lower[i] as number) - (a === maxAt ? secondShift : maxShift);
      lower[i] = l;
      const h = half[a] as number;
      const bound = h > l ? h : l;
      if (u <= bound) {
        upper[i] = u;
        continue;
      }
      const exact = Math.sqrt(squaredDistance(points, i, centroids, a, dim));
      upper[i] = exact;
      if (exact <= bound) continue;
      const b = assignExactly(points, i, centroids, k, dim, upper, lower);
      if (b !== a) {
        const w = weightOf(this.weights, i);
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
        weightOf(this.weights, i) * squaredDistance(points, i, centroids, labels[i] as number, dim);
    }
    return inertia;
  }
}

/** Sets the exact upper and lower bounds of point i and returns its nearest centroid. */
function assignExactly(
  points: Float64Array,
  i: number,
  centroids: Float64Array,
  k: number,
  dim: number,
  upper: Float64Array,
  lower: Float64Array,
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
  upper[i] = Math.sqrt(best);
  lower[i] = Math.sqrt(second);
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
