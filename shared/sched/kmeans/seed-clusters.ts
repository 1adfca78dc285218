/**
 * The points of a k-means++ seeding grouped by their nearest centre so far, so that the
 * seeding can skip whole groups with the triangle inequality. A group whose centre lies
 * at least twice its radius (the largest point-to-centre distance in the group) from a
 * point x cannot have a point nearer to x than to its own centre: for such groups neither
 * scoring x as a candidate nor adding x as a centre needs to look at their points. Late in
 * the seeding most groups are far from any new candidate, so most of the work is skipped.
 * Each group's points are stored contiguously (coordinates, weights and distances copied
 * in group order), so the groups that are visited are read sequentially.
 */
import { squaredDistance } from "./vectors";

/** Arrays in group order: entry p describes the point at position p. */
interface Layout {
  /** Index of the point in the input. */
  readonly index: Int32Array;
  /** Its coordinates, dim per position. */
  readonly coords: Float64Array;
  /** Its weight. */
  readonly weight: Float64Array;
  /** Its squared distance to its group's centre. */
  readonly own: Float64Array;
  /** Σ weight·own over the group's positions up to and including this one. */
  readonly cum: Float64Array;
}

function layout(n: number, dim: number): Layout {
  return {
    index: new Int32Array(n),
    coords: new Float64Array(n * dim),
    weight: new Float64Array(n),
    own: new Float64Array(n),
    cum: new Float64Array(n),
  };
}

/** Points grouped by nearest centre, with the per-group sums the D² draws need. */
export class SeedClusters {
  readonly n: number;
  /** Centres chosen so far (rows 0 … count − 1 are set). */
  readonly centres: Float64Array;
  count = 0;
  /** closest[i] = squared distance from input point i to its nearest centre. */
  readonly closest: Float64Array;
  /** labels[i] = the nearest centre of input point i (the earliest on ties). */
  readonly labels: Int32Array;
  /** Group j occupies positions start[j] … start[j + 1] − 1 of `at`. */
  private at: Layout;
  /** Where `add` builds the next layout. */
  private spare: Layout;
  private readonly start: Int32Array;
  /** Σ weight·own of each group. */
  private readonly potential: Float64Array;
  /** Largest own of each group: its squared radius. */
  private readonly radius2: Float64Array;
  /** Scratch: positions (in `at`) of the points leaving their group for a new centre. */
  private readonly movers: Int32Array;

  constructor(
    readonly points: Float64Array,
    readonly dim: number,
    k: number,
    weights: Float64Array | undefined,
  ) {
    const n = points.length / dim;
    this.n = n;
    this.centres = new Float64Array(k * dim);
    this.closest = new Float64Array(n);
    this.labels = new Int32Array(n);
    this.at = layout(n, dim);
    this.spare = layout(n, dim);
    this.at.coords.set(points);
    if (weights) this.at.weight.set(weights);
    else this.at.weight.fill(1);
    for (let i = 0; i < n; i++) this.at.index[i] = i;
    this.start = new Int32Array(k + 1);
    this.potential = new Float64Array(k);
    this.radius2 = new Float64Array(k);
    this.movers = new Int32Array(n);
  }

  /** Σ w·closest over all points: the total of the D² distribution. */
  total(): number {
    let total = 0;
    for (let j = 0; j < this.count; j++) total += this.potential[j] as number;
    return total;
  }

  /** Makes input point x the first centre; every point joins its group. */
  first(x: number): void {
    const { n, dim, centres, closest } = this;
    const { coords, weight, own, cum } = this.at;
    this.copyCentre(x, 0);
    let acc = 0;
    let r2 = 0;
    for (let p = 0; p < n; p++) {
      const s = squaredDistance(coords, p, centres, 0, dim);
      closest[p] = s;
      own[p] = s;
      acc += (weight[p] as number) * s;
      cum[p] = acc;
      if (s > r2) r2 = s;
    }
    this.count = 1;
    this.start[1] = n;
    this.potential[0] = acc;
    this.radius2[0] = r2;
  }

  /**
   * An input point drawn with probability proportional to w·closest, for `target` uniform
   * in [0, total()) and total() > 0: the group by its potential, then the point by binary
   * search in the group's running sums (rounding past the end falls on the last group
   * with a positive potential).
   */
  pick(target: number): number {
    let j = 0;
    let last = 0;
    for (; j < this.count; j++) {
      const p = this.potential[j] as number;
      if (p > 0) last = j;
      if (target < p) break;
      target -= p;
    }
    if (j === this.count) j = last;
    const { cum, index } = this.at;
    let lo = this.start[j] as number;
    let hi = (this.start[j + 1] as number) - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return index[lo] as number;
  }

  /** Σ w·min(closest, D²(·, x)): the total that making input point x a centre would leave. */
  potentialWith(x: number): number {
    const { points, dim } = this;
    const { coords, weight, own } = this.at;
    let total = 0;
    for (let j = 0; j < this.count; j++) {
      if (this.isFar(x, j)) {
        total += this.potential[j] as number;
        continue;
      }
      const end = this.start[j + 1] as number;
      for (let p = this.start[j] as number; p < end; p++) {
        const o = own[p] as number;
        const s = squaredDistance(coords, p, points, x, dim);
        total += (weight[p] as number) * (s < o ? s : o);
      }
    }
    return total;
  }

  /** Makes input point x the next centre: the points nearer to it than to theirs join its group. */
  add(x: number): void {
    const { dim, centres, closest, labels } = this;
    const movers = this.movers;
    const c = this.count;
    const from = this.at;
    const to = this.spare;
    this.copyCentre(x, c);
    let q = 0;
    let moved = 0;
    for (let j = 0; j < c; j++) {
      const begin = this.start[j] as number;
      const end = this.start[j + 1] as number;
      this.start[j] = q;
      if (this.isFar(x, j)) {
        copyRun(from, to, begin, end, q, dim);
        q += end - begin;
        continue;
      }
      let acc = 0;
      let r2 = 0;
      for (let p = begin; p < end; p++) {
        const s = squaredDistance(from.coords, p, centres, c, dim);
        if (s < (from.own[p] as number)) {
          from.own[p] = s;
          movers[moved++] = p;
          continue;
        }
        const o = from.own[p] as number;
        acc += (from.weight[p] as number) * o;
        if (o > r2) r2 = o;
        copyOne(from, to, p, q, dim);
        to.cum[q++] = acc;
      }
      this.potential[j] = acc;
      this.radius2[j] = r2;
    }
    this.start[c] = q;
    let acc = 0;
    let r2 = 0;
    for (let m = 0; m < moved; m++) {
      const p = movers[m] as number;
      const o = from.own[p] as number;
      const i = from.index[p] as number;
      closest[i] = o;
      labels[i] = c;
      acc += (from.weight[p] as number) * o;
      if (o > r2) r2 = o;
      copyOne(from, to, p, q, dim);
      to.cum[q++] = acc;
    }
    this.potential[c] = acc;
    this.radius2[c] = r2;
    this.start[c + 1] = q;
    this.count = c + 1;
    this.at = to;
    this.spare = from;
  }

  /** Whether no point of group j can be nearer to input point x than to centre j. */
  private isFar(x: number, j: number): boolean {
    const gap = squaredDistance(this.points, x, this.centres, j, this.dim);
    return gap >= 4 * (this.radius2[j] as number);
  }

  private copyCentre(x: number, c: number): void {
    const { dim } = this;
    for (let d = 0; d < dim; d++) this.centres[c * dim + d] = this.points[x * dim + d] as number;
  }
}

/** Copies positions begin … end − 1 of `from` to `to` from position q on, sums included. */
function copyRun(from: Layout, to: Layout, begin: number, end: number, q: number, dim: number) {
  to.index.set(from.index.subarray(begin, end), q);
  to.coords.set(from.coords.subarray(begin * dim, end * dim), q * dim);
  to.weight.set(from.weight.subarray(begin, end), q);
  to.own.set(from.own.subarray(begin, end), q);
  to.cum.set(from.cum.subarray(begin, end), q);
}

/** Copies position p of `from` to position q of `to`, except its running sum. */
function copyOne(from: Layout, to: Layout, p: number, q: number, dim: number): void {
  to.index[q] = from.index[p] as number;
  for (let d = 0; d < dim; d++) to.coords[q * dim + d] = from.coords[p * dim + d] as number;
  to.weight[q] = from.weight[p] as number;
  to.own[q] = from.own[p] as number;
}
