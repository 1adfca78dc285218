/**
 * Each job's sites in increasing order of cost, ties by site index. Prices are never
 * negative, so a scan of a job's sites in this order can stop at the first site whose
 * bare cost already reaches the best priced value found (for the cheapest priced site),
 * or that value plus a cutoff (for the sites within the cutoff of it).
 */
import { setF64, setI32 } from "./unchecked";

/** Sites of every job by increasing cost, row-major like the cost matrix. */
export class SiteOrder {
  /** order[i·m + r] = the site of rank r for job i (ties by site index). */
  readonly order: Int32Array;
  /** sorted[i·m + r] = c[i, order[i·m + r]], non-decreasing along each row. */
  readonly sorted: Float64Array;

  constructor(order: Int32Array, sorted: Float64Array) {
    this.order = order;
    this.sorted = sorted;
  }
}

/**
 * Sorts the n rows of the n·m cost matrix `cost` by insertion sort (m is small), which
 * is stable: equal costs keep increasing site order.
 */
export function siteOrder(cost: Float64Array, n: i32, m: i32): SiteOrder {
  const order = new Int32Array(n * m);
  const sorted = new Float64Array(n * m);
  for (let row = 0; row < n * m; row += m) {
    for (let j = 0; j < m; j++) {
      const c = unchecked(cost[row + j]);
      let r = j;
      while (r > 0 && unchecked(sorted[row + r - 1]) > c) {
        setF64(sorted, row + r, unchecked(sorted[row + r - 1]));
        setI32(order, row + r, unchecked(order[row + r - 1]));
        r--;
      }
      setF64(sorted, row + r, c);
      setI32(order, row + r, j);
    }
  }
  return new SiteOrder(order, sorted);
}
