/**
 * Random balancing instances for the tests and the gap measurement
 * (bench/placement/balance-gap.ts): jobs scattered around random colos, random colos as
 * sites, modelled RTT as the cost, random capacities summing to Σ demand + slack.
 */

import type { Rng } from "../../../shared/rng";
import type { BalanceProblem } from "../../../shared/sched/balance/problem";
import { COLOS } from "../../../shared/sched/colos";
import { modelledRttMs } from "../../../shared/sched/geo/latency";

/** Size and tightness of an instance. */
export interface Shape {
  n: number;
  m: number;
  maxDemand: number;
  /** Σ capacity − Σ demand. */
  slack: number;
}

/** Jobs scattered around random colos, m random colos as sites, RTT costs, random capacities. */
export function instance(rng: Rng, { n, m, maxDemand, slack }: Shape): BalanceProblem {
  const sites = Array.from({ length: m }, () => rng.pick(COLOS));
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const home = rng.pick(COLOS);
    const lat = home.lat + rng.next() * 4 - 2;
    const lon = home.lon + rng.next() * 4 - 2;
    sites.forEach((s, j) => {
      cost[i * m + j] = modelledRttMs(lat, lon, s.lat, s.lon);
    });
  }
  const demand = Float64Array.from({ length: n }, () => 1 + rng.int(maxDemand));
  const total = demand.reduce((a, b) => a + b, 0) + slack;
  const shares = Array.from({ length: m }, () => 0.2 + rng.next());
  const sum = shares.reduce((a, b) => a + b, 0);
  const capacity = Float64Array.from(shares, (s) => Math.floor((s / sum) * total));
  for (
    let j = 0, left = total - capacity.reduce((a, b) => a + b, 0);
    left > 0;
    j = (j + 1) % m, left--
  ) {
    capacity[j] = (capacity[j] as number) + 1;
  }
  return { cost, demand, capacity };
}
