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
 * multiplier of site j's capacity. The gradient of the objective with respect to π_j is
 * the overload load_j − cap_j, so each step moves every price along it (projected onto
 * π ≥ 0), scaled by T/load_j — the inverse curvature of load_j in π_j, which makes the
 * step scale-free. The temperature is annealed geometrically from a fraction of the
 * cost spread, where the assignment is smooth and prices move freely, towards a small
 * value where p is nearly one-hot. Only m prices are learned, not n·m logits: for fixed
 * prices the optimal logits are exactly −(c + π)/T, so nothing is lost.
 */
import type { BalanceProblem } from "./problem";

/**
 * Sites whose priced cost exceeds a job's best by more than this many temperatures get
 * probability below e^−36 ≈ 2·10^−16, under double precision next to the best site's
 * share, and are skipped instead of exponentiated: at low temperature most jobs are
 * one-hot and cost no exponential at all.
 */
const NEGLIGIBLE = 36;

/** Annealing schedule of the relaxation. */
export interface RelaxOptions {
  /** Gradient steps. */
  readonly steps: number;
  /** First temperature as a fraction of the mean per-job cost spread. */
  readonly startTemperature: number;
  /** Last temperature as a fraction of the mean per-job cost spread. */
  readonly endTemperature: number;
}

/**
 * Learns site prices π (m entries, ≥ 0; 0 for unlimited sites) and returns the prices
 * after each of the last `keep` steps, last step last: near the end of the annealing they
 * differ slightly and round to different assignments, which the caller may each try.
 */
export function relaxPrices(
  problem: BalanceProblem,
  options: RelaxOptions,
  keep = 1,
): Float64Array[] {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const n = demand.length;
  const prices = new Float64Array(m);
  const load = new Float64Array(m);
  const weights = new Float64Array(m);
  const spread = meanSpread(cost, n, m);
  const kept: Float64Array[] = [];
  if (spread === 0) return [prices];
  const t0 = options.startTemperature * spread;
  const ratio = options.endTemperature / options.startTemperature;
  for (let step = 0; step < options.steps; step++) {
    const temperature = t0 * ratio ** (step / Math.max(1, options.steps - 1));
    load.fill(0);
    for (let i = 0; i < n; i++) {
      let best = Number.POSITIVE_INFINITY;
      for (let j = 0; j < m; j++)
        best = Math.min(best, (cost[i * m + j] as number) + (prices[j] as number));
      const cutoff = best + NEGLIGIBLE * temperature;
      let total = 0;
      for (let j = 0; j < m; j++) {
        const value = (cost[i * m + j] as number) + (prices[j] as number);
        const w = value < cutoff ? Math.exp((best - value) / temperature) : 0;
        weights[j] = w;
        total += w;
      }
      const scale = (demand[i] as number) / total;
      for (let j = 0; j < m; j++) load[j] = (load[j] as number) + (weights[j] as number) * scale;
    }
    for (let j = 0; j < m; j++) {
      const cap = capacity[j] as number;
      if (!(cap < Number.POSITIVE_INFINITY)) continue;
      const l = load[j] as number;
      const step = l > 0 ? (temperature * (l - cap)) / Math.max(l, cap) : -Number.POSITIVE_INFINITY;
      prices[j] = Math.max(0, (prices[j] as number) + step);
    }
    if (step >= options.steps - keep) kept.push(Float64Array.from(prices));
  }
  return kept.length > 0 ? kept : [prices];
}

/** Mean over jobs of (most expensive − cheapest site cost). */
function meanSpread(cost: Float64Array, n: number, m: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      lo = Math.min(lo, cost[i * m + j] as number);
      hi = Math.max(hi, cost[i * m + j] as number);
    }
    total += hi - lo;
  }
  return n > 0 ? total / n : 0;
}
