/**
 * The placement request and its validation. `parsePlacementRequest` accepts any decoded
 * JSON value and either returns a request whose every field is within the limits or throws
 * a PlacementInputError naming the first offending field.
 */

import { coloByIata, regionSites } from "../catalog";
import { COLOS } from "../colos";
import { unitVectors } from "../geo/distance";
import type { Colo } from "../site";
import { PlacementInputError } from "./errors";
import {
  MAX_DEMAND,
  MAX_DEMAND_SIZES,
  MAX_JOB_ID_LENGTH,
  MAX_JOBS,
  MAX_K,
  MAX_SEED,
  MAX_SITE_LIST,
} from "./limits";

/** One job: where its users are and how much work it brings (default 1). */
export interface PlacementJob {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly demand?: number;
}

/** A placement request as the API receives it. */
export interface PlacementRequest {
  readonly jobs: readonly PlacementJob[];
  /** How many sites to choose. */
  readonly k: number;
  /** Candidate sites: every colo (default), one colo per location hint, or a list of IATA codes. */
  readonly sites?: "colos" | "regions" | readonly string[];
  /** Capacity of every chosen site, or per IATA code (sites not listed are unlimited). */
  readonly capacity?: number | Readonly<Record<string, number>>;
  /** Seed of the k-means restarts (default 0). */
  readonly seed?: number;
}

/** A validated request with its candidate sites resolved; jobs as columns, in request order. */
export interface ValidRequest {
  readonly ids: readonly string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Each job's demand (1 when the request left it out). */
  readonly demand: Float64Array;
  readonly k: number;
  readonly candidates: readonly Colo[];
  /** Unit vectors of the candidates (geo/distance.ts `unitVectors`), 3 entries per site. */
  readonly candidatePoints: Float64Array;
  /** Capacity of a candidate by IATA code (Infinity when unlimited). */
  readonly capacityOf: (iata: string) => number;
  readonly seed: number;
}

/** The fields a request may have; any other is refused, so a misspelt option is not ignored. */
const REQUEST_FIELDS: readonly string[] = ["jobs", "k", "sites", "capacity", "seed"];

/** Validates `body` (decoded JSON) and resolves its candidate sites. */
export function parsePlacementRequest(body: unknown): ValidRequest {
  if (!isRecord(body)) throw new PlacementInputError("", "the request body must be a JSON object");
  const unknown = Object.keys(body).find((key) => !REQUEST_FIELDS.includes(key));
  if (unknown !== undefined) {
    throw new PlacementInputError(
      unknown,
      `is not a field of a placement request (${REQUEST_FIELDS.join(", ")})`,
    );
  }
  const jobs = parseJobs(body.jobs);
  const candidates = parseSites(body.sites);
  const limit = Math.min(MAX_K, candidates.length, jobs.ids.length);
  const k = body.k;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > limit) {
    throw new PlacementInputError(
      "k",
      `must be an integer from 1 to ${limit} (at most ${MAX_K}, the number of candidate sites and the number of jobs)`,
    );
  }
  const capacityOf = parseCapacity(body.capacity, candidates);
  const seed = body.seed ?? 0;
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new PlacementInputError("seed", `must be an integer from 0 to ${MAX_SEED}`);
  }
  const candidatePoints = candidates === COLOS ? coloPoints() : pointsOf(candidates);
  return { ...jobs, k, candidates, candidatePoints, capacityOf, seed };
}

/** The jobs' columns. */
type JobColumns = Pick<ValidRequest, "ids" | "lat" | "lon" | "demand">;

function parseJobs(value: unknown): JobColumns {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_JOBS) {
    throw new PlacementInputError("jobs", `must be an array of 1 to ${MAX_JOBS} jobs`);
  }
  const seen = new Set<string>();
  const sizes = new Set<number>();
  const n = value.length;
  const jobs: JobColumns = {
    ids: [],
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    demand: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const job: unknown = value[i];
    if (!isRecord(job)) {
      throw new PlacementInputError(`jobs[${i}]`, "must be an object {id, lat, lon, demand?}");
    }
    const { id, lat, lon } = job;
    const demand = job.demand ?? 1;
    if (typeof id !== "string" || id.length === 0 || id.length > MAX_JOB_ID_LENGTH) {
      throw new PlacementInputError(
        `jobs[${i}].id`,
        `must be a string of 1 to ${MAX_JOB_ID_LENGTH} characters`,
      );
    }
    if (seen.has(id)) throw new PlacementInputError(`jobs[${i}].id`, `duplicates the id "${id}"`);
    seen.add(id);
    if (!inRange(lat, -90, 90)) {
      throw new PlacementInputError(`jobs[${i}].lat`, "must be a number from -90 to 90");
    }
    if (!inRange(lon, -180, 180)) {
      throw new PlacementInputError(`jobs[${i}].lon`, "must be a number from -180 to 180");
    }
    if (!inRange(demand, 0, MAX_DEMAND) || demand === 0) {
      throw new PlacementInputError(
        `jobs[${i}].demand`,
        `must be a number above 0 and at most ${MAX_DEMAND}`,
      );
    }
    sizes.add(demand);
    if (sizes.size > MAX_DEMAND_SIZES) {
      throw new PlacementInputError(
        `jobs[${i}].demand`,
        `makes more than ${MAX_DEMAND_SIZES} distinct demand values in one request; round demands to fewer sizes`,
      );
    }
    (jobs.ids as string[]).push(id);
    jobs.lat[i] = lat;
    jobs.lon[i] = lon;
    jobs.demand[i] = demand;
  }
  return jobs;
}

let coloVectors: Float64Array | undefined;

/** Unit vectors of the whole catalog, computed once per isolate. */
function coloPoints(): Float64Array {
  coloVectors ??= pointsOf(COLOS);
  return coloVectors;
}

function pointsOf(sites: readonly Colo[]): Float64Array {
  const lat = new Float64Array(sites.length);
  const lon = new Float64Array(sites.length);
  for (let c = 0; c < sites.length; c++) {
    lat[c] = (sites[c] as Colo).lat;
    lon[c] = (sites[c] as Colo).lon;
  }
  return unitVectors(lat, lon);
}

function parseSites(value: unknown): readonly Colo[] {
  if (value === undefined || value === "colos") return COLOS;
  if (value === "regions") return regionSites();
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SITE_LIST) {
    throw new PlacementInputError(
      "sites",
      `must be "colos", "regions" or an array of 1 to ${MAX_SITE_LIST} IATA codes`,
    );
  }
  const seen = new Set<string>();
  return value.map((code: unknown, i) => {
    const colo = typeof code === "string" ? coloByIata(code) : undefined;
    if (!colo)
      throw new PlacementInputError(
        `sites[${i}]`,
        `${JSON.stringify(code)} is not a colo of the catalog`,
      );
    if (seen.has(colo.iata))
      throw new PlacementInputError(`sites[${i}]`, `duplicates ${colo.iata}`);
    seen.add(colo.iata);
    return colo;
  });
}

function parseCapacity(value: unknown, candidates: readonly Colo[]): (iata: string) => number {
  const message = `must be a number above 0 and at most ${MAX_DEMAND}`;
  if (value === undefined) return () => Number.POSITIVE_INFINITY;
  if (typeof value === "number") {
    if (!inRange(value, 0, MAX_DEMAND) || value === 0)
      throw new PlacementInputError("capacity", message);
    return () => value;
  }
  if (!isRecord(value)) {
    throw new PlacementInputError(
      "capacity",
      "must be a number or an object of IATA code → number",
    );
  }
  const known = new Set(candidates.map((c) => c.iata));
  const table = new Map<string, number>();
  for (const [iata, cap] of Object.entries(value)) {
    if (!known.has(iata))
      throw new PlacementInputError(`capacity.${iata}`, "is not one of the candidate sites");
    if (!inRange(cap, 0, MAX_DEMAND) || cap === 0)
      throw new PlacementInputError(`capacity.${iata}`, message);
    table.set(iata, cap);
  }
  return (iata) => table.get(iata) ?? Number.POSITIVE_INFINITY;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function inRange(value: unknown, lo: number, hi: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= lo && value <= hi;
}
