/**
 * The relaxed (fractional) assignment and its gradient descent.
 *
 * Each job spreads over the sites with a softmax: p[i,j] ∝ exp(−(c[i,j] + π[j]) / T). This
 * is the minimiser, for fixed site prices π, of the relaxed objective
 *
 *   Σ_i d_i Σ_j p[i,j]·c[i,j]  +  T·Σ_i d_i Σ_j p[i,j]·ln p[i,j]  +  Σ_j π_j·(load_j − cap_j)
 *
 * where load_j = Σ_i d_i·p[i,j]: expected latency, an entropy term whose weight is the
 * temperature T, and an overload penalty whose per-unit price π_j is the Lagrange
 * multiplier of site j's capacity. Only m prices are learned, not n·m logits: for fixed
 * prices the optimal logits are exactly −(c + π)/T, so nothing is lost. The gradient of
 * the objective with respect to π_j is the overload load_j − cap_j; each step moves every
 * price along it (projected onto π ≥ 0), divided by the diagonal curvature
 * h_j = Σ_i d_i·p[i,j]·(1 − p[i,j]) / T of load_j in π_j (a diagonally preconditioned
 * step, which is what lets a few steps suffice), with a floor on h_j that keeps the step
 * of a site whose jobs are all one-hot at most T·(load − cap)/max(load, cap)·STEP_CAP.
 * The temperature is annealed geometrically from a fraction of the cost spread, where the
 * assignment is smooth and prices move freely, towards a small value where p is nearly
 * one-hot.
 *
 * The softmax is sparse: sites whose priced cost is NEGLIGIBLE temperatures above a job's
 * best are skipped, and each job visits its sites in increasing cost order (prices are
 * ≥ 0, so a site costing more than the best priced value cannot be the best, and one
 * beyond the cutoff cannot contribute). At low temperature most jobs touch one or two
 * sites and no exponential at all.
 *
 * Every step also yields, for free, the rounding of its prices (each job on its site of
 * least c + π) and that rounding's overflow; the descent stops early once the rounding is
 * feasible, and returns the prices whose rounding overflowed least.
 */
import type { BalanceProblem } from "./problem";
import { siteOrder } from "./site-order";

/**
 * Sites whose priced cost exceeds a job's best by more than this many temperatures get
 * a weight below e^−12 ≈ 6·10^−6 of the best site's, and are skipped instead of
 * exponentiated.
 */
const NEGLIGIBLE = 12;

/**
 * The largest step of a site whose jobs are all one-hot, in units of the plain scaled
 * step T·(load − cap)/max(load, cap).
 */
const STEP_CAP = 30;

/**
 * Heavy-ball momentum: each step adds this fraction of the previous price change. Prices
 * mostly climb steadily towards their values as the temperature falls, and momentum
 * roughly halves the steps that takes.
 */
const MOMENTUM = 0.5;

/** Annealing schedule of the relaxation. */
export interface RelaxOptions {
  /** Most gradient steps. */
  readonly steps: number;
  /** First temperature as a fraction of the mean per-job cost spread. */
  readonly startTemperature: number;
  /** Last temperature as a fraction of the mean per-job cost spread. */
  readonly endTemperature: number;
}

/** What the descent learned. */
export interface Relaxation {
  /** Prices whose rounding came closest to the optimality conditions (see `mismatch`). */
  readonly prices: Float64Array;
  /** Σ overflow of the rounding of `prices`. */
  readonly overflow: number;
  /** Σ overflow of the rounding of the start prices. */
  readonly startOverflow: number;
  /** Gradient steps taken. */
  readonly steps: number;
  /** The last `keep` price vectors the descent evaluated, last one last. */
  readonly recent: Float64Array[];
}

/**
 * Gradient descent on the site prices from `start` (m entries ≥ 0), following `options`.
 * It stops early once the rounding of the current prices satisfies the optimality
 * conditions as far as integral demands allow: no site over capacity, and every site with
 * a positive price within one largest demand of full.
 */
export function relaxPrices(
  problem: BalanceProblem,
  start: Float64Array,
  options: RelaxOptions,
  keep = 0,
): Relaxation {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const n = demand.length;
  const maxDemand = demand.reduce((a, b) => Math.max(a, b), 0);
  const prices = Float64Array.from(start);
  const load = new Float64Array(m);
  const curvature = new Float64Array(m);
  const rounded = new Float64Array(m);
  const { order, sorted } = siteOrder(cost, n, m);
  /** Per job, the sites within the cutoff of its best priced one and their weights. */
  const near = new Int32Array(m);
  const weights = new Float64Array(m);
  const velocity = new Float64Array(m);
  let best = Float64Array.from(prices);
  let bestMismatch = Number.POSITIVE_INFINITY;
  let bestOverflow = Number.POSITIVE_INFINITY;
  let startOverflow = Number.POSITIVE_INFINITY;
  const spread = meanSpread(sorted, n, m) || 1;
  const t0 = options.startTemperature * spread;
  const ratio = options.endTemperature / options.startTemperature;
  const recent: Float64Array[] = [];
  let step = 0;
  for (; step < options.steps; step++) {
    const temperature = t0 * ratio ** (step / Math.max(1, options.steps - 1));
    const inverse = 1 / temperature;
    const reach = NEGLIGIBLE * temperature;
    load.fill(0);
    curvature.fill(0);
    rounded.fill(0);
    for (let i = 0, row = 0; i < n; i++, row += m) {
      const d = demand[i] as number;
      let low = Number.POSITIVE_INFINITY;
      let arg = 0;
      for (let r = row; r < row + m; r++) {
        const c = sorted[r] as number;
        if (c >= low) break;
        const j = order[r] as number;
        const v = c + (prices[j] as number);
        if (v < low) {
          low = v;
          arg = j;
        }
      }
      rounded[arg] = (rounded[arg] as number) + d;
      const limit = low + reach;
      let total = 0;
      let count = 0;
      for (let r = row; r < row + m; r++) {
        const c = sorted[r] as number;
        if (c >= limit) break;
        const j = order[r] as number;
        const gap = c + (prices[j] as number) - low;
        if (gap >= reach) continue;
        const w = gap === 0 ? 1 : Math.exp(-gap * inverse);
        weights[count] = w;
        near[count] = j;
        total += w;
        count++;
      }
      if (count === 1) {
        load[arg] = (load[arg] as number) + d;
        continue;
      }
      const scale = d / total;
      for (let k = 0; k < count; k++) {
        const j = near[k] as number;
        const w = weights[k] as number;
        const p = w / total;
        load[j] = (load[j] as number) + w * scale;
        curvature[j] = (curvature[j] as number) + w * scale * (1 - p) * inverse;
      }
    }
    const overflow = overflowOf(rounded, capacity);
    const mismatch = mismatchOf(rounded, capacity, prices, maxDemand);
    if (step === 0) startOverflow = overflow;
    if (keep > 0) {
      if (recent.length === keep) recent.shift();
      recent.push(Float64Array.from(prices));
    }
    if (mismatch <= bestMismatch) {
      bestMismatch = mismatch;
      bestOverflow = overflow;
      best = Float64Array.from(prices);
    }
    if (mismatch === 0) break;
    for (let j = 0; j < m; j++) {
      const cap = capacity[j] as number;
      if (!(cap < Number.POSITIVE_INFINITY)) continue;
      const l = load[j] as number;
      const floor = Math.max(l, cap) / (STEP_CAP * temperature);
      const move =
        (l - cap) / Math.max(curvature[j] as number, floor) + MOMENTUM * (velocity[j] as number);
      const next = Math.max(0, (prices[j] as number) + move);
      velocity[j] = next - (prices[j] as number);
      prices[j] = next;
    }
  }
  return { prices: best, overflow: bestOverflow, startOverflow, steps: step, recent };
}

function overflowOf(load: Float64Array, capacity: Float64Array): number {
  let overflow = 0;
  for (let j = 0; j < load.length; j++) {
    overflow += Math.max(0, (load[j] as number) - (capacity[j] as number));
  }
  return overflow;
}

/**
 * How far a rounding is from the optimality conditions: Σ overflow, plus the free room
 * beyond one largest demand of every site with a positive price (a priced site that is
 * not full is one the optimum would fill further; that work falls to the repair).
 */
function mismatchOf(
  load: Float64Array,
  capacity: Float64Array,
  prices: Float64Array,
  maxDemand: number,
): number {
  let total = 0;
  for (let j = 0; j < load.length; j++) {
    const room = (capacity[j] as number) - (load[j] as number);
    if (room < 0) total -= room;
    else if ((prices[j] as number) > 0 && room >= maxDemand) total += room - maxDemand + 1;
  }
  return total;
}

/** Mean over jobs of (most expensive − cheapest site cost), from the sorted rows. */
function meanSpread(sorted: Float64Array, n: number, m: number): number {
  let total = 0;
  for (let row = 0; row < n * m; row += m) {
    total += (sorted[row + m - 1] as number) - (sorted[row] as number);
  }
  return n > 0 ? total / n : 0;
}
