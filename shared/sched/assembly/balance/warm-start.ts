/**
 * Warm start of the relaxation's prices: the shadow prices of the nearest assignment,
 * each site priced on its own. A site that the nearest assignment overloads by e, with
 * jobs of mean demand d̄, gets the price at which about e/d̄ of its jobs would rather go to
 * their second-cheapest site: its jobs' regrets (second-cheapest minus cheapest cost)
 * sorted, the price set halfway between the ⌈e/d̄⌉-th and the next. Every other site
 * starts at 0. The prices ignore that the jobs pushed out land on other sites, which may
 * overflow in turn; that interaction is what the gradient descent resolves.
 */
import { Problem } from "./problem";
import { sortAscending } from "./sort";

/** m start prices (≥ 0) for `problem`. */
export function shadowPrices(problem: Problem): Float64Array {
  const cost = problem.cost;
  const demand = problem.demand;
  const capacity = problem.capacity;
  const m = problem.m;
  const n = problem.n;
  const prices = new Float64Array(m);
  if (m < 2) return prices;
  const site = new Int32Array(n);
  const regret = new Float64Array(n);
  const load = new Float64Array(m);
  const count = new Int32Array(m);
  for (let i = 0, row = 0; i < n; i++, row += m) {
    let best = 0;
    let low = Infinity;
    let second = Infinity;
    for (let j = 0; j < m; j++) {
      const c = cost[row + j];
      if (c < low) {
        second = low;
        low = c;
        best = j;
      } else if (c < second) second = c;
    }
    site[i] = best;
    regret[i] = second - low;
    load[best] += demand[i];
    count[best] += 1;
  }
  for (let j = 0; j < m; j++) {
    const excess = load[j] - capacity[j];
    if (!(excess > 0)) continue;
    const regrets = new Float64Array(count[j]);
    for (let i = 0, k = 0; i < n; i++) if (site[i] === j) regrets[k++] = regret[i];
    sortAscending(regrets);
    const length = regrets.length;
    const leave = <i32>min<f64>(<f64>length, ceil<f64>((excess * <f64>length) / load[j]));
    const at = regrets[leave - 1];
    prices[j] = (at + regrets[min(leave, length - 1)]) / 2;
  }
  return prices;
}
