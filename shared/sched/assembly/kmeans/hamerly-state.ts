/**
 * The working state of one Hamerly k-means run (hamerly.ts has the algorithm and the
 * loop): centroids, labels, incremental cluster sums, and each point's bounds stored
 * against its cluster's drift.
 */
import { addPoint, repairEmpty } from "./empty-clusters";
import { centroidsFromSums } from "./partial-sums";
import { setF64, setI32, squaredDistance } from "./vectors";

/** Working arrays of one run; every array is indexed by point or by cluster. */
export class HamerlyState {
  readonly n: i32;
  readonly k: i32;
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
  /** The clusters the last centroid update found empty (first `count` entries). */
  readonly empty: Int32Array;
  /** Summed squared centroid shift of the last update. */
  totalShift: f64 = 0;

  constructor(
    readonly points: Float64Array,
    readonly dim: i32,
    start: Float64Array,
    seededLabels: Int32Array | null,
    seededClosest: Float64Array | null,
    readonly weights: Float64Array,
    bounds: Float64Array,
    readonly taken: Uint8Array,
  ) {
    const n = points.length / dim;
    const k = start.length / dim;
    this.n = n;
    this.k = k;
    this.centroids = start.slice();
    this.next = new Float64Array(k * dim);
    this.labels = seededLabels ? seededLabels : new Int32Array(n);
    this.bounds = bounds;
    this.up = new Float64Array(k);
    this.down = new Float64Array(k);
    this.sums = new Float64Array(k * dim);
    this.clusterWeights = new Float64Array(k);
    this.half = new Float64Array(k);
    this.empty = new Int32Array(k);
    const labels = this.labels;
    for (let i = 0; i < n; i++) {
      if (seededClosest) {
        // The seeding knows the nearest centroid; the lower bound 0 is merely uninformative.
        setF64(bounds, 2 * i, sqrt(unchecked(seededClosest[i])));
        setF64(bounds, 2 * i + 1, 0);
      } else {
        setI32(labels, i, assignExactly(points, i, this.centroids, k, dim, bounds));
      }
      addPoint(
        points,
        i,
        dim,
        unchecked(weights[i]),
        unchecked(labels[i]),
        this.sums,
        this.clusterWeights,
      );
    }
  }

  /**
   * Moves every centroid to the mean of its cluster, repairing empty clusters; sets
   * `totalShift` and returns whether a cluster was repaired.
   */
  moveCentroids(spherical: bool): bool {
    const k = this.k;
    const dim = this.dim;
    const sums = this.sums;
    const clusterWeights = this.clusterWeights;
    const up = this.up;
    const down = this.down;
    const count = centroidsFromSums(
      sums,
      clusterWeights,
      this.centroids,
      dim,
      spherical,
      this.next,
      this.empty,
    );
    const repaired = count > 0;
    if (repaired) {
      repairEmpty(
        this.empty,
        count,
        this.points,
        dim,
        this.weights,
        this.labels,
        this.next,
        sums,
        clusterWeights,
        spherical,
        this.taken,
      );
    }
    let totalShift: f64 = 0;
    let maxShift: f64 = 0;
    let secondShift: f64 = 0;
    let maxAt = -1;
    for (let j = 0; j < k; j++) {
      const s2 = squaredDistance(this.centroids, j, this.next, j, dim);
      const s = sqrt(s2);
      up[j] += s;
      totalShift += s2;
      if (s > maxShift) {
        secondShift = maxShift;
        maxShift = s;
        maxAt = j;
      } else if (s > secondShift) secondShift = s;
    }
    // Every other centroid came at most maxShift nearer (secondShift for the cluster whose
    // own centroid moved the most).
    for (let j = 0; j < k; j++) down[j] += j === maxAt ? secondShift : maxShift;
    const previous = this.centroids;
    this.centroids = this.next;
    this.next = previous;
    halfGaps(this.centroids, k, dim, this.half);
    this.totalShift = totalShift;
    return repaired;
  }

  /** Makes every bound uninformative, so the next reassignment checks every point. */
  forgetBounds(): void {
    const bounds = this.bounds;
    for (let i = 0; i < this.n; i++) {
      bounds[2 * i] = Infinity;
      bounds[2 * i + 1] = -Infinity;
    }
  }

  /** Reassigns every point whose bounds do not rule out a move; returns the moves. */
  reassign(): i32 {
    const n = this.n;
    const k = this.k;
    const dim = this.dim;
    const points = this.points;
    const centroids = this.centroids;
    const labels = this.labels;
    const bounds = this.bounds;
    const up = this.up;
    const down = this.down;
    const half = this.half;
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const a = unchecked(labels[i]);
      const upA = unchecked(up[a]);
      const u = unchecked(bounds[2 * i]) + upA;
      const l = unchecked(bounds[2 * i + 1]) - unchecked(down[a]);
      const h = unchecked(half[a]);
      // The point stays unless it is beyond both the half gap and the lower bound. Tested
      // as one bit so that the branch is nearly always taken: a branch on either test
      // alone mispredicts for a good share of the points.
      if ((i32(u > h) & i32(u > l)) === 0) continue;
      const exact = sqrt(squaredDistance(points, i, centroids, a, dim));
      if ((i32(exact > h) & i32(exact > l)) === 0) {
        setF64(bounds, 2 * i, exact - upA);
        continue;
      }
      const b = assignExactly(points, i, centroids, k, dim, bounds);
      setF64(bounds, 2 * i, unchecked(bounds[2 * i]) - unchecked(up[b]));
      setF64(bounds, 2 * i + 1, unchecked(bounds[2 * i + 1]) + unchecked(down[b]));
      if (b !== a) {
        const w = this.weights[i];
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
  finish(settled: bool): f64 {
    if (!settled) this.reassign();
    const dim = this.dim;
    const points = this.points;
    const centroids = this.centroids;
    const labels = this.labels;
    const weights = this.weights;
    let inertia: f64 = 0;
    for (let i = 0; i < this.n; i++) {
      inertia +=
        unchecked(weights[i]) * squaredDistance(points, i, centroids, unchecked(labels[i]), dim);
    }
    return inertia;
  }
}

/**
 * Returns the centroid nearest to point i (lowest index on ties), writing the distance to
 * it and to the second nearest into bounds[2i] and bounds[2i + 1] (not yet made relative
 * to any drift).
 */
function assignExactly(
  points: Float64Array,
  i: i32,
  centroids: Float64Array,
  k: i32,
  dim: i32,
  bounds: Float64Array,
): i32 {
  let best = Infinity;
  let second = Infinity;
  let at = 0;
  for (let j = 0; j < k; j++) {
    const s = squaredDistance(points, i, centroids, j, dim);
    if (s < best) {
      second = best;
      best = s;
      at = j;
    } else if (s < second) second = s;
  }
  setF64(bounds, 2 * i, sqrt(best));
  setF64(bounds, 2 * i + 1, sqrt(second));
  return at;
}

/** half[j] = half the distance from centroid j to its nearest other centroid. */
function halfGaps(centroids: Float64Array, k: i32, dim: i32, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = sqrt(squaredDistance(centroids, a, centroids, b, dim)) / 2;
      if (h < half[a]) half[a] = h;
      if (h < half[b]) half[b] = h;
    }
  }
}
