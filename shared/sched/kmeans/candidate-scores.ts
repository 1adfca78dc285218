/**
 * The dominant loop of greedy k-means++: for every candidate centre, the total w·D² the
 * points would keep if that candidate joined the centres chosen so far. Candidates are
 * scored four at a time with their coordinates and running totals in locals, so one pass
 * over the points serves up to four candidates without touching memory for the totals;
 * the plane and the globe (dim 2 and 3) are written out.
 */
import { squaredDistance } from "./vectors";

/** Candidates scored per pass over the points. */
const BLOCK = 4;

/**
 * potentials[t] = Σ_i w_i·min(closest[i], D²(x_i, row t of `rows`)) for every candidate row
 * t < potentials.length. `closest` holds each point's squared distance to its nearest chosen
 * centre; `weights` has one entry per point (see `unitWeights`).
 */
export function scoreCandidates(
  points: Float64Array,
  dim: number,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  potentials: Float64Array,
): void {
  const tries = potentials.length;
  if (dim !== 2 && dim !== 3) {
    scoreAnyDim(points, dim, rows, closest, weights, potentials);
    return;
  }
  // A short last block repeats its first candidate in the unused slots; those totals are
  // dropped.
  const block = new Float64Array(BLOCK * 3);
  const totals = new Float64Array(BLOCK);
  for (let t0 = 0; t0 < tries; t0 += BLOCK) {
    const used = Math.min(BLOCK, tries - t0);
    for (let s = 0; s < BLOCK; s++) {
      const t = t0 + (s < used ? s : 0);
      for (let d = 0; d < dim; d++) block[s * 3 + d] = rows[t * dim + d] as number;
    }
    if (dim === 2) scoreFour2(points, block, closest, weights, totals);
    else scoreFour3(points, block, closest, weights, totals);
    for (let s = 0; s < used; s++) potentials[t0 + s] = totals[s] as number;
  }
}

/** Totals of four candidates in the plane (block holds x, y, unused per candidate). */
function scoreFour2(
  points: Float64Array,
  block: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  totals: Float64Array,
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
  const n = closest.length;
  for (let i = 0; i < n; i++) {
    const own = closest[i] as number;
    const x = points[2 * i] as number;
    const y = points[2 * i + 1] as number;
    let u = x - ax;
    let v = y - ay;
    const sa = u * u + v * v;
    u = x - bx;
    v = y - by;
    const sb = u * u + v * v;
    u = x - cx;
    v = y - cy;
    const sc = u * u + v * v;
    u = x - dx;
    v = y - dy;
    const sd = u * u + v * v;
    const w = weights[i] as number;
    pa += w * (sa < own ? sa : own);
    pb += w * (sb < own ? sb : own);
    pc += w * (sc < own ? sc : own);
    pd += w * (sd < own ? sd : own);
  }
  totals[0] = pa;
  totals[1] = pb;
  totals[2] = pc;
  totals[3] = pd;
}

/** Totals of four candidates on the globe (block holds x, y, z per candidate). */
function scoreFour3(
  points: Float64Array,
  block: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  totals: Float64Array,
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
  const n = closest.length;
  for (let i = 0; i < n; i++) {
    const own = closest[i] as number;
    const x = points[3 * i] as number;
    const y = points[3 * i + 1] as number;
    const z = points[3 * i + 2] as number;
    let u = x - ax;
    let v = y - ay;
    let q = z - az;
    const sa = u * u + v * v + q * q;
    u = x - bx;
    v = y - by;
    q = z - bz;
    const sb = u * u + v * v + q * q;
    u = x - cx;
    v = y - cy;
    q = z - cz;
    const sc = u * u + v * v + q * q;
    u = x - dx;
    v = y - dy;
    q = z - dz;
    const sd = u * u + v * v + q * q;
    const w = weights[i] as number;
    pa += w * (sa < own ? sa : own);
    pb += w * (sb < own ? sb : own);
    pc += w * (sc < own ? sc : own);
    pd += w * (sd < own ? sd : own);
  }
  totals[0] = pa;
  totals[1] = pb;
  totals[2] = pc;
  totals[3] = pd;
}

/** Any dimension: one pass over the points, totals kept in `potentials`. */
function scoreAnyDim(
  points: Float64Array,
  dim: number,
  rows: Float64Array,
  closest: Float64Array,
  weights: Float64Array,
  potentials: Float64Array,
): void {
  const tries = potentials.length;
  potentials.fill(0);
  for (let i = 0; i < closest.length; i++) {
    const own = closest[i] as number;
    const w = weights[i] as number;
    for (let t = 0; t < tries; t++) {
      const s = squaredDistance(points, i, rows, t, dim);
      potentials[t] = (potentials[t] as number) + w * (s < own ? s : own);
    }
  }
}
