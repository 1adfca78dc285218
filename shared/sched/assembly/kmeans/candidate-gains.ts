/**
 * The dominant loop of greedy k-means++: for every candidate centre, how much the total
 * w·D² of the points would drop if that candidate joined the centres chosen so far (the
 * best candidate leaves the smallest total, so it has the largest drop). A point gains
 * max(0, D² − d²) where d is its distance to the candidate, computed as (g + |g|) / 2
 * without a data-dependent branch. Candidates are scored four at a time with their
 * coordinates and running sums in locals, so one pass over the points serves up to four
 * candidates; the plane and the globe (dim 2 and 3) are written out.
 */
import { squaredDistance } from "./vectors";

/** Candidates scored per pass over the points. */
const BLOCK = 4;

/**
 * Points per partial sum: each candidate's running sum restarts at 0 every CHUNK points and
 * is then added to its total. The JavaScript this replaced chunked its loop so for V8's
 * sake; the chunking fixes the order of the floating-point additions, so it stays, and the
 * gains keep their bits.
 */
const CHUNK = 2048;

/**
 * gains[t] = Σ_i w_i·max(0, closest[i] − D²(x_i, row t of `rows`)) for every candidate row
 * t < gains.length. `closest` holds each point's squared distance to its nearest chosen
 * centre; `weights` has one entry per point.
 */
export function candidateGains(
  points: Float64Array,
  dim: i32,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  gains: Float64Array,
): void {
  const tries = gains.length;
  if (dim !== 2 && dim !== 3) {
    gainsAnyDim(points, dim, rows, closest, weights, gains);
    return;
  }
  // `block` holds three coordinates per candidate slot. A short last block repeats its
  // first candidate in the unused slots; those totals are dropped.
  const block = new StaticArray<f64>(BLOCK * 3);
  const totals = new StaticArray<f64>(BLOCK);
  const n = closest.length;
  // The four-candidate loops read points and weights unchecked.
  assert(points.length >= n * dim && weights.length >= n);
  for (let t0 = 0; t0 < tries; t0 += BLOCK) {
    const used = min(BLOCK, tries - t0);
    for (let s = 0; s < BLOCK; s++) {
      const t = t0 + (s < used ? s : 0);
      for (let d = 0; d < dim; d++) block[s * 3 + d] = rows[t * dim + d];
    }
    for (let s = 0; s < BLOCK; s++) totals[s] = 0;
    for (let from = 0; from < n; from += CHUNK) {
      const to = min(n, from + CHUNK);
      if (dim === 2) gainsOfFour2(points, block, closest, weights, totals, from, to);
      else gainsOfFour3(points, block, closest, weights, totals, from, to);
    }
    for (let s = 0; s < used; s++) gains[t0 + s] = totals[s] / 2;
  }
}

/** Adds twice the gains over points [from, to) of four candidates in the plane to `totals`. */
function gainsOfFour2(
  points: Float64Array,
  block: StaticArray<f64>,
  closest: Float64Array,
  weights: Float64Array,
  totals: StaticArray<f64>,
  from: i32,
  to: i32,
): void {
  const ax = block[0];
  const ay = block[1];
  const bx = block[3];
  const by = block[4];
  const cx = block[6];
  const cy = block[7];
  const dx = block[9];
  const dy = block[10];
  let pa: f64 = 0;
  let pb: f64 = 0;
  let pc: f64 = 0;
  let pd: f64 = 0;
  for (let i = from; i < to; i++) {
    const own = unchecked(closest[i]);
    const x = unchecked(points[2 * i]);
    const y = unchecked(points[2 * i + 1]);
    let u = x - ax;
    let v = y - ay;
    const ga = own - (u * u + v * v);
    u = x - bx;
    v = y - by;
    const gb = own - (u * u + v * v);
    u = x - cx;
    v = y - cy;
    const gc = own - (u * u + v * v);
    u = x - dx;
    v = y - dy;
    const gd = own - (u * u + v * v);
    const w = unchecked(weights[i]);
    pa += w * (ga + abs(ga));
    pb += w * (gb + abs(gb));
    pc += w * (gc + abs(gc));
    pd += w * (gd + abs(gd));
  }
  totals[0] += pa;
  totals[1] += pb;
  totals[2] += pc;
  totals[3] += pd;
}

/** Adds twice the gains over points [from, to) of four candidates on the globe to `totals`. */
function gainsOfFour3(
  points: Float64Array,
  block: StaticArray<f64>,
  closest: Float64Array,
  weights: Float64Array,
  totals: StaticArray<f64>,
  from: i32,
  to: i32,
): void {
  const ax = block[0];
  const ay = block[1];
  const az = block[2];
  const bx = block[3];
  const by = block[4];
  const bz = block[5];
  const cx = block[6];
  const cy = block[7];
  const cz = block[8];
  const dx = block[9];
  const dy = block[10];
  const dz = block[11];
  let pa: f64 = 0;
  let pb: f64 = 0;
  let pc: f64 = 0;
  let pd: f64 = 0;
  for (let i = from; i < to; i++) {
    const own = unchecked(closest[i]);
    const x = unchecked(points[3 * i]);
    const y = unchecked(points[3 * i + 1]);
    const z = unchecked(points[3 * i + 2]);
    let u = x - ax;
    let v = y - ay;
    let q = z - az;
    const ga = own - (u * u + v * v + q * q);
    u = x - bx;
    v = y - by;
    q = z - bz;
    const gb = own - (u * u + v * v + q * q);
    u = x - cx;
    v = y - cy;
    q = z - cz;
    const gc = own - (u * u + v * v + q * q);
    u = x - dx;
    v = y - dy;
    q = z - dz;
    const gd = own - (u * u + v * v + q * q);
    const w = unchecked(weights[i]);
    pa += w * (ga + abs(ga));
    pb += w * (gb + abs(gb));
    pc += w * (gc + abs(gc));
    pd += w * (gd + abs(gd));
  }
  totals[0] += pa;
  totals[1] += pb;
  totals[2] += pc;
  totals[3] += pd;
}

/** Any dimension: one pass over the points, gains kept in `gains`. */
function gainsAnyDim(
  points: Float64Array,
  dim: i32,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  gains: Float64Array,
): void {
  const tries = gains.length;
  gains.fill(0);
  for (let i = 0; i < closest.length; i++) {
    const own = closest[i];
    const w = weights[i];
    for (let t = 0; t < tries; t++) {
      const g = own - squaredDistance(points, i, rows, t, dim);
      gains[t] += w * (g + abs(g));
    }
  }
  for (let t = 0; t < tries; t++) gains[t] = gains[t] / 2;
}
