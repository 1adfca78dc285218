/**
 * What the overview shows, read through the API: health, request metrics, volumes (with
 * the counts of the first ones), the latest jobs, and the status of every group and ring
 * it knows of. The API has no listing of groups or rings, so the known ones are
 * `default`, those the volumes are built on, and those the viewer asked for by name
 * (`?group=`).
 */

import type { WindowSummary } from "../../shared/metrics/request-window";
import type {
  ApiGet,
  GroupStatus,
  Health,
  JobSummary,
  Loaded,
  RingStatus,
  VolumeRecord,
  VolumeStatus,
} from "./api-types";
import { knownNames } from "./known-names";

/** Most jobs the overview counts (the API's largest page). */
export const JOBS_COUNTED = 100;

/** The overview's data. */
export interface Overview {
  health: Loaded<Health>;
  metrics: Loaded<WindowSummary>;
  volumes: Loaded<{ volumes: VolumeRecord[] }>;
  jobs: Loaded<{ items: JobSummary[] }>;
  groups: { name: string; status: Loaded<GroupStatus> }[];
  rings: { name: string; status: Loaded<RingStatus> }[];
  /** The counts of the first volumes listed (as many as groups are shown), by name. */
  volumeCounts: Map<string, Loaded<VolumeStatus>>;
  /** When the page was read, for relative times. */
  nowMs: number;
  /** The names asked for with `?group=`, as given (for the form that keeps them). */
  watched: string[];
}

/** Reads the overview; `watched` are the group names the viewer added. */
export async function loadOverview(get: ApiGet, watched: string[]): Promise<Overview> {
  const [health, metrics, volumes, jobs] = await Promise.all([
    get<Health>("/healthz"),
    get<WindowSummary>("/v1/metrics"),
    get<{ volumes: VolumeRecord[] }>("/v1/volumes"),
    get<{ items: JobSummary[] }>(`/v1/jobs?limit=${JOBS_COUNTED}`),
  ]);
  const built = volumes.ok ? volumes.value.volumes : [];
  const groupNames = knownNames(["default", ...built.map((v) => v.group), ...watched]);
  const ringNames = knownNames(["default", ...built.map((v) => v.ring)]);
  const counted = knownNames(built.map((v) => v.name));
  const [groups, rings, counts] = await Promise.all([
    Promise.all(
      groupNames.map(async (name) => ({
        name,
        status: await get<GroupStatus>(`/v1/groups/${encodeURIComponent(name)}`),
      })),
    ),
    Promise.all(
      ringNames.map(async (name) => ({
        name,
        status: await get<RingStatus>(`/v1/rings/${encodeURIComponent(name)}`),
      })),
    ),
    Promise.all(
      counted.map(
        async (name) =>
          [name, await get<VolumeStatus>(`/v1/volumes/${encodeURIComponent(name)}`)] as const,
      ),
    ),
  ]);
  return {
    health,
    metrics,
    volumes,
    jobs,
    groups,
    rings,
    volumeCounts: new Map(counts),
    nowMs: Date.now(),
    watched,
  };
}
