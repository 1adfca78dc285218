/**
 * The dominant loop of greedy k-means++: for every candidate centre, how much the total
 * w·D² of the points would drop if that candidate joined the centres chosen so far (the
 * best candidate leaves the smallest total, so it has the largest drop). A point gains
 * max(0, D² − d²) where d is its distance to the candidate, computed as (g + |g|) / 2:
 * without a data-dependent branch, which would mispredict for a good share of the points.
 * Candidates are scored four at a time with their coordinates and running sums in locals,
 * so one pass over the points serves up to four candidates; the plane and the globe
 * (dim 2 and 3) are written out.
 */
import { squaredDistance } from "./vectors";

/** Candidates scored per pass over the points. */
const BLOCK = 4;

/**
 * Points per call of the four-candidate loop. A loop that runs long in one call is
 * optimised by on-stack replacement before the code after it ever ran, so V8 has no type
 * feedback for the stores of the totals and throws the optimised code away at the end of
 * every call (seen with --trace-deopt). Many shorter calls let the function tier up whole.
 */
const CHUNK = 2048;

/**
 * gains[t] = Σ_i w_i·max(0, closest[i] − D²(x_i, row t of `rows`)) for every candidate row
 * t < gains.length. `closest` holds each point's squared distance to its nearest chosen
 * centre; `weights` has one entry per point (see `unitWeights`).
 */
export function candidateGains(
  points: Float64Array,
  dim: number,
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
  const block = new Float64Array(BLOCK * 3);
  const totals = new Float64Array(BLOCK);
  const n = closest.length;
  for (let t0 = 0; t0 < tries; t0 += BLOCK) {
    const used = Math.min(BLOCK, tries - t0);
    for (let s = 0; s < BLOCK; s++) {
      const t = t0 + (s < used ? s : 0);
      for (let d = 0; d < dim; d++) block[s * 3 + d] = rows[t * dim + d] as number;
    }
    totals.fill(0);
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      if (dim === 2) gainsOfFour2(points, block, closest, weights, totals, from, to);
      else gainsOfFour3(points, block, closest, weights, totals, from, to);
    }
    for (let s = 0; s < used; s++) gains[t0 + s] = (totals[s] as number) / 2;
  }
}

/** Adds twice the gains over points [from, to) of four candidates in the plane to `totals`. */
function gainsOfFour2(
  points: Float64Array,
  block: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  totals: Float64Array,
  from: number,
  to: number,
): void {
  const ax = block[0] as number;
  const ay = block[1] as number;
  const bx = block[3] as number;
  const by = block[4] as number;
  const cx = block[6] as number;
  const cy = block[7] as number;
  const dx = block[9] as number;
  const dy = block[10] as number;
  let pa = 0;
  let pb = 0;
  let pc = 0;
  let pd = 0;
  for (let i = from; i < to; i++) {
    const own = closest[i] as number;
    const x = points[2 * i] as number;
    const y = points[2 * i + 1] as number;
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
    const w = weights[i] as number;
    pa += w * (ga + Math.abs(ga));
    pb += w * (gb + Math.abs(gb));
    pc += w * (gc + Math.abs(gc));
    pd += w * (gd + Math.abs(gd));
  }
  totals[0] = (totals[0] as number) + pa;
  totals[1] = (totals[1] as number) + pb;
  totals[2] = (totals[2] as number) + pc;
  totals[3] = (totals[3] as number) + pd;
}

/** Adds twice the gains over points [from, to) of four candidates on the globe to `totals`. */
function gainsOfFour3(
  points: Float64Array,
  block: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  totals: Float64Array,
  from: number,
  to: number,
): void {
  const ax = block[0] as number;
  const ay = block[1] as number;
  const az = block[2] as number;
  const bx = block[3] as number;
  const by = block[4] as number;
  const bz = block[5] as number;
  const cx = block[6] as number;
  const cy = block[7] as number;
  const cz = block[8] as number;
  const dx = block[9] as number;
  const dy = block[10] as number;
  const dz = block[11] as number;
  let pa = 0;
  let pb = 0;
  let pc = 0;
  let pd = 0;
  for (let i = from; i < to; i++) {
    const own = closest[i] as number;
    const x = points[3 * i] as number;
    const y = points[3 * i + 1] as number;
    const z = points[3 * i + 2] as number;
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
    const w = weights[i] as number;
    pa += w * (ga + Math.abs(ga));
    pb += w * (gb + Math.abs(gb));
    pc += w * (gc + Math.abs(gc));
    pd += w * (gd + Math.abs(gd));
  }
  totals[0] = (totals[0] as number) + pa;
  totals[1] = (totals[1] as number) + pb;
  totals[2] = (totals[2] as number) + pc;
  totals[3] = (totals[3] as number) + pd;
}

/** Any dimension: one pass over the points, gains kept in `gains`. */
function gainsAnyDim(
  points: Float64Array,
  dim: number,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  gains: Float64Array,
): void {
  const tries = gains.length;
  gains.fill(0);
  for (let i = 0; i < closest.length; i++) {
    const own = closest[i] as number;
    const w = weights[i] as number;
    for (let t = 0; t < tries; t++) {
      const g = own - squaredDistance(points, i, rows, t, dim);
      gains[t] = (gains[t] as number) + w * (g + Math.abs(g));
    }
  }
  for (let t = 0; t < tries; t++) gains[t] = (gains[t] as number) / 2;
}
