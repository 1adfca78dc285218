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
 *
 * The exponential is fdlibm's (../exp.ts), as V8's Math.exp, and the annealing factors
 * come in computed by JavaScript, so the prices are bit for bit those of the same
 * arithmetic in JavaScript, with no call out of Wasm.
 */
import { exp } from "../exp";
import { overflowOf, Problem } from "./problem";
import { siteOrder } from "./site-order";
import { addF64, setF64, setI32 } from "./unchecked";

/**
 * Sites whose priced cost exceeds a job's best by more than this many temperatures get
 * a weight below e^−12 ≈ 6·10^−6 of the best site's, and are skipped instead of
 * exponentiated.
 */
const NEGLIGIBLE: f64 = 12;

/**
 * The largest step of a site whose jobs are all one-hot, in units of the plain scaled
 * step T·(load − cap)/max(load, cap).
 */
const STEP_CAP: f64 = 30;

/**
 * Heavy-ball momentum: each step adds this fraction of the previous price change. Prices
 * mostly climb steadily towards their values as the temperature falls, and momentum
 * roughly halves the steps that takes.
 */
const MOMENTUM: f64 = 0.5;

/**
 * Annealing schedule of the relaxation: step s runs at temperature startTemperature ×
 * spread × annealing[s], where spread is the mean per-job cost spread; the number of
 * steps is annealing.length. JavaScript computes the factors
 * (endTemperature / startTemperature) ** (s / max(1, steps − 1)) (shared/sched/balance/
 * balance.ts, `annealing`).
 */
export class RelaxOptions {
  /** First temperature as a fraction of the mean per-job cost spread. */
  readonly startTemperature: f64;
  /** One factor per step, 1 first. */
  readonly annealing: Float64Array;

  constructor(startTemperature: f64, annealing: Float64Array) {
    this.startTemperature = startTemperature;
    this.annealing = annealing;
  }
}

/** What the descent learned. */
export class Relaxation {
  /** Prices whose rounding came closest to the optimality conditions (see `mismatchOf`). */
  prices: Float64Array;
  /** Σ overflow of the rounding of `prices`. */
  overflow: f64 = Infinity;
  /** Σ overflow of the rounding of the start prices. */
  startOverflow: f64 = Infinity;
  /** Gradient steps taken. */
  steps: i32 = 0;
  /** The last `keep` price vectors the descent evaluated, last one last. */
  readonly recent: Array<Float64Array> = [];

  constructor(prices: Float64Array) {
    this.prices = prices;
  }
}

/**
 * Gradient descent on the site prices from `start` (m entries ≥ 0), following `options`.
 * It stops early once the rounding of the current prices satisfies the optimality
 * conditions as far as integral demands allow: no site over capacity, and every site with
 * a positive price within one largest demand of full.
 */
export function relaxPrices(
  problem: Problem,
  start: Float64Array,
  options: RelaxOptions,
  keep: i32,
): Relaxation {
  const cost = problem.cost;
  const demand = problem.demand;
  const capacity = problem.capacity;
  const m = problem.m;
  const n = problem.n;
  let maxDemand: f64 = 0;
  for (let i = 0; i < n; i++) maxDemand = max<f64>(maxDemand, demand[i]);
  const prices = start.slice();
  const load = new Float64Array(m);
  const curvature = new Float64Array(m);
  const rounded = new Float64Array(m);
  const ordered = siteOrder(cost, n, m);
  const order = ordered.order;
  const sorted = ordered.sorted;
  // Per job, the sites within the cutoff of its best priced one and their weights.
  const near = new Int32Array(m);
  const weights = new Float64Array(m);
  const velocity = new Float64Array(m);
  const result = new Relaxation(prices.slice());
  const recent = result.recent;
  let bestMismatch = Infinity;
  let spread = meanSpread(sorted, n, m);
  if (spread === 0 || Number.isNaN(spread)) spread = 1;
  const t0 = options.startTemperature * spread;
  const annealing = options.annealing;
  let step = 0;
  for (; step < annealing.length; step++) {
    const temperature = t0 * annealing[step];
    const inverse = 1 / temperature;
    const reach = NEGLIGIBLE * temperature;
    load.fill(0);
    curvature.fill(0);
    rounded.fill(0);
    for (let i = 0, row = 0; i < n; i++, row += m) {
      const d = unchecked(demand[i]);
      let low = Infinity;
      let arg = 0;
      for (let r = row; r < row + m; r++) {
        const c = unchecked(sorted[r]);
        if (c >= low) break;
        const j = unchecked(order[r]);
        const v = c + unchecked(prices[j]);
        if (v < low) {
          low = v;
          arg = j;
        }
      }
      addF64(rounded, arg, d);
      const limit = low + reach;
      let total: f64 = 0;
      let count = 0;
      for (let r = row; r < row + m; r++) {
        const c = unchecked(sorted[r]);
        if (c >= limit) break;
        const j = unchecked(order[r]);
        const gap = c + unchecked(prices[j]) - low;
        if (gap >= reach) continue;
        const w = gap === 0 ? 1 : exp(-gap * inverse);
        setF64(weights, count, w);
        setI32(near, count, j);
        total += w;
        count++;
      }
      if (count === 1) {
        addF64(load, arg, d);
        continue;
      }
      const scale = d / total;
      for (let k = 0; k < count; k++) {
        const j = unchecked(near[k]);
        const w = unchecked(weights[k]);
        const p = w / total;
        addF64(load, j, w * scale);
        addF64(curvature, j, w * scale * (1 - p) * inverse);
      }
    }
    const overflow = overflowOf(capacity, rounded);
    const mismatch = mismatchOf(rounded, capacity, prices, maxDemand);
    if (step === 0) result.startOverflow = overflow;
    if (keep > 0) {
      if (recent.length === keep) recent.shift();
      recent.push(prices.slice());
    }
    if (mismatch <= bestMismatch) {
      bestMismatch = mismatch;
      result.overflow = overflow;
      result.prices = prices.slice();
    }
    if (mismatch === 0) break;
    for (let j = 0; j < m; j++) {
      const cap = capacity[j];
      if (!(cap < Infinity)) continue;
      const l = load[j];
      const floor = max<f64>(l, cap) / (STEP_CAP * temperature);
      const move = (l - cap) / max<f64>(curvature[j], floor) + MOMENTUM * velocity[j];
      const next = max<f64>(0, prices[j] + move);
      velocity[j] = next - prices[j];
      prices[j] = next;
    }
  }
  result.steps = step;
  return result;
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
  maxDemand: f64,
): f64 {
  let total: f64 = 0;
  for (let j = 0; j < load.length; j++) {
    const room = capacity[j] - load[j];
    if (room < 0) total -= room;
    else if (prices[j] > 0 && room >= maxDemand) total += room - maxDemand + 1;
  }
  return total;
}

/** Mean over jobs of (most expensive − cheapest site cost), from the sorted rows. */
function meanSpread(sorted: Float64Array, n: i32, m: i32): f64 {
  let total: f64 = 0;
  for (let row = 0; row < n * m; row += m) total += sorted[row + m - 1] - sorted[row];
  return n > 0 ? total / <f64>n : 0;
}
