/**
 * Warm start of the relaxation's prices: the shadow prices of the nearest assignment,
 * each site priced on its own. A site that the nearest assignment overloads by e, with
 * jobs of mean demand d̄, gets the price at which about e/d̄ of its jobs would rather go to
 * their second-cheapest site: its jobs' regrets (second-cheapest minus cheapest cost)
 * sorted, the price set halfway between the ⌈e/d̄⌉-th and the next. Every other site
 * starts at 0. The prices ignore that the jobs pushed out land on other sites, which may
 * overflow in turn; that interaction is what the gradient descent resolves.
 */
import type { BalanceProblem } from "./problem";

/** m start prices (≥ 0) for `problem`. */
export function shadowPrices(problem: BalanceProblem): Float64Array {
  const { cost, demand, capacity } = problem;
  const m = capacity.length;
  const n = demand.length;
  const prices = new Float64Array(m);
  if (m < 2) return prices;
  const site = new Int32Array(n);
  const regret = new Float64Array(n);
  const load = new Float64Array(m);
  const count = new Int32Array(m);
  for (let i = 0, row = 0; i < n; i++, row += m) {
    let best = 0;
    let low = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const c = cost[row + j] as number;
      if (c < low) {
        second = low;
        low = c;
        best = j;
      } else if (c < second) second = c;
    }
    site[i] = best;
    regret[i] = second - low;
    load[best] = (load[best] as number) + (demand[i] as number);
    count[best] = (count[best] as number) + 1;
  }
  for (let j = 0; j < m; j++) {
    const excess = (load[j] as number) - (capacity[j] as number);
    if (!(excess > 0)) continue;
    const regrets = new Float64Array(count[j] as number);
    for (let i = 0, k = 0; i < n; i++) if (site[i] === j) regrets[k++] = regret[i] as number;
    regrets.sort();
    const leave = Math.min(
      regrets.length,
      Math.ceil((excess * regrets.length) / (load[j] as number)),
    );
    const at = regrets[leave - 1] as number;
    prices[j] = (at + (regrets[Math.min(leave, regrets.length - 1)] as number)) / 2;
  }
  return prices;
}
