/**
 * The placement pipeline: where should k sites run so that the jobs' users wait least,
 * and which job goes where without overloading a site. Spherical k-means over the job
 * origins (weighted by demand) proposes k places; each becomes a distinct candidate site
 * (choose-sites.ts); the balancer assigns jobs to the chosen sites within capacity,
 * minimising modelled latency. Pure and deterministic for a seed: it runs per request in
 * a stateless Worker.
 */
import { balance } from "../balance/balance";
import type { BalanceProblem } from "../balance/problem";
import { unitVectors } from "../geo/distance";
import type { LocationHint } from "../geo/location-hint";
import { geoKMeans } from "../kmeans/spherical";
import type { Colo } from "../site";
import { chooseSites } from "./choose-sites";
import { PlacementInputError } from "./errors";
import { weightedMean, weightedQuantile } from "./latency-stats";
import { parsePlacementRequest, type ValidRequest } from "./request";
import { siteCosts } from "./site-costs";

/**
 * k-means settings of a placement: a few restarts and a coarse tolerance, without the
 * final polish. Clusters only propose places that are then snapped to colos hundreds of
 * kilometres apart, so converging further buys nothing and costs CPU time.
 */
export const PLACEMENT_KMEANS = { nInit: 3, tol: 1e-3, polish: false } as const;

/** One chosen site with what it received. */
export interface PlacedSite {
  readonly iata: string;
  readonly city: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** The Durable Object location hint to create this site's executor with. */
  readonly hint: LocationHint;
  /** Capacity, or null when unlimited. */
  readonly capacity: number | null;
  /** Σ demand of the jobs assigned here. */
  readonly load: number;
  readonly jobs: number;
  /** Demand-weighted mean modelled RTT of the jobs assigned here (0 when none). */
  readonly meanLatencyMs: number;
}

/** Where one job runs. */
export interface JobPlacement {
  readonly id: string;
  readonly site: string;
  readonly latencyMs: number;
}

/** The answer to a placement request. */
export interface PlacementResult {
  readonly sites: readonly PlacedSite[];
  /** In the order of the request's jobs. */
  readonly assignment: readonly JobPlacement[];
  /** Demand-weighted mean of the jobs' modelled RTT. */
  readonly meanLatencyMs: number;
  /** Demand-weighted 95th percentile of the jobs' modelled RTT. */
  readonly p95LatencyMs: number;
  readonly totalDemand: number;
  /** Σ load above capacity; 0 whenever the balancer's guarantee applies (assembly/balance/repair.ts). */
  readonly overflow: number;
}

/** The balancing instance of a request: the chosen sites and the job × site costs. */
export interface SitedProblem {
  readonly request: ValidRequest;
  /** The chosen sites, in the column order of `problem`. */
  readonly sites: readonly Colo[];
  readonly problem: BalanceProblem;
}

/**
 * Validates `body`, clusters the job origins, snaps clusters to sites and builds the
 * balancing instance; throws PlacementInputError on bad input or too little capacity.
 */
export function sitedProblem(body: unknown): SitedProblem {
  const request = parsePlacementRequest(body);
  const { k, candidates, candidatePoints, demand } = request;
  const totalDemand = sum(demand);

  const points = unitVectors(request.lat, request.lon);
  const clusters = geoKMeans(points, {
    k,
    ...PLACEMENT_KMEANS,
    seed: request.seed,
    weights: demand,
  });
  const chosen = chooseSites(clusters, points, demand, candidatePoints);
  const sites = Array.from(chosen, (c) => candidates[c] as Colo);
  const capacity = Float64Array.from(sites, (s) => request.capacityOf(s.iata));
  const totalCapacity = sum(capacity);
  if (totalCapacity < totalDemand) {
    throw new PlacementInputError(
      "capacity",
      `the ${k} chosen sites can take ${totalCapacity} but the jobs bring ${totalDemand}`,
    );
  }

  const cost = siteCosts(points, candidatePoints, chosen);
  return { request, sites, problem: { cost, demand, capacity } };
}

/** Validates `body` and places its jobs; throws PlacementInputError on bad input. */
export function place(body: unknown): PlacementResult {
  const { request, sites, problem } = sitedProblem(body);
  const { ids, k } = request;
  const { cost, demand, capacity } = problem;
  const n = ids.length;
  const totalDemand = sum(demand);
  const result = balance(problem);

  const latency = new Float64Array(n);
  const assignment: JobPlacement[] = [];
  const count = new Int32Array(k);
  const latencySum = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const j = result.assignment[i] as number;
    latency[i] = cost[i * k + j] as number;
    assignment.push({
      id: ids[i] as string,
      site: (sites[j] as Colo).iata,
      latencyMs: latency[i] as number,
    });
    count[j] = (count[j] as number) + 1;
    latencySum[j] = (latencySum[j] as number) + (latency[i] as number) * (demand[i] as number);
  }
  const placed = sites.map(
    (site, j): PlacedSite => ({
      iata: site.iata,
      city: site.city,
      country: site.country,
      lat: site.lat,
      lon: site.lon,
      hint: site.hint,
      capacity: Number.isFinite(capacity[j]) ? (capacity[j] as number) : null,
      load: result.load[j] as number,
      jobs: count[j] as number,
      meanLatencyMs: count[j] ? (latencySum[j] as number) / (result.load[j] as number) : 0,
    }),
  );
  return {
    sites: placed,
    assignment,
    meanLatencyMs: weightedMean(latency, demand),
    p95LatencyMs: weightedQuantile(latency, demand, 0.95),
    totalDemand,
    overflow: result.overflow,
  };
}

/** Σ values, left to right. */
function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}
