/**
 * The fields of the gateway's JSON answers the dashboard reads. The routes' zod schemas
 * are the source of truth; these name only what the pages show.
 */
import type { ReplicaState } from "../../shared/consensus/host/host-status";
import type { Quorums } from "./failure-tolerance";

/** `GET /healthz`. */
export interface Health {
  version: string;
  parts: Record<string, boolean>;
  auth: "token" | "open";
  devFaults: boolean;
}

/** One member in `GET /v1/groups/{group}`. */
export interface GroupMember {
  id: number;
  voter: boolean;
  role: string;
  match: number | null;
  lag: number | null;
  location: string | null;
  /** When the replica answering last heard from this member (ms since the epoch). */
  lastContact: number | null;
}

/** `GET /v1/groups/{group}`. */
export interface GroupStatus {
  name: string;
  engine: string;
  /** The leader now (0: none known). */
  leader: number;
  /** The leader now, or else the one last followed. */
  lastLeader: number;
  state: ReplicaState;
  term: number;
  quorums: Quorums | null;
  commit: number;
  applied: number;
  quiesced: boolean;
  members: GroupMember[];
}

/** `GET /v1/rings/{ring}`. */
export interface RingStatus {
  name: string;
  overlay: string;
  replication: number;
  hosts: { id: string; state: string }[];
  nodes: { id: string; ringId: string; keys: number }[];
}

/** One entry of `GET /v1/volumes`. */
export interface VolumeRecord {
  name: string;
  group: string;
  ring: string;
}

/** `GET /v1/volumes/{volume}`: a volume's counts and its ring's chunk health. */
export interface VolumeStatus extends VolumeRecord {
  files: number;
  dirs: number;
  /** Logical bytes: every file's size summed. */
  bytes: number;
  /** Distinct chunks the files reference, and the bytes they hold. */
  chunks: number;
  physicalBytes: number;
  dedupRatio: number;
  openUploads: number;
  /** Distinct chunks in the ring, and how many of them have fewer copies than it keeps. */
  ringChunks: number;
  underReplicated: number;
}

/** One page of `GET /v1/volumes/{volume}/dirs/{path}`. */
export interface DirListing {
  path: string;
  entries: { name: string; type: "file" | "dir"; size: number; mtime: number; etag: string }[];
  /** Present when there are more entries. */
  cursor?: string;
}

/** One entry of `GET /v1/jobs`. */
export interface JobSummary {
  id: string;
  kind: string;
  state: string;
  site: string | null;
  attempts: number;
  origin: { lat: number; lon: number };
  createdAt: string;
  placedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** One entry of a job's `attemptLog`. */
export interface JobAttempt {
  attempt: number;
  site: string;
  placedAt: string;
  startedAt: string;
  /** Null while it runs. */
  endedAt: string | null;
  outcome: string | null;
  error: string | null;
}

/** `GET /v1/jobs/{id}`. */
export interface JobDetail extends JobSummary {
  maxAttempts: number;
  timeoutMs: number;
  idempotencyKey: string | null;
  startedAt: string | null;
  result: unknown;
  attemptLog: JobAttempt[];
}

/** One page of `GET /v1/groups/{group}/kv`. */
export interface KeyListing {
  items: { key: string; value?: string; modRevision: number; version: number }[];
  prefixes?: string[];
  more: boolean;
}

/** A section's data, or why it is missing (the API's problem detail). */
export type Loaded<T> = { ok: true; value: T } | { ok: false; status: number; detail: string };

/**
 * A GET of an API path on behalf of a request (`apiClient` makes one). Typed here, apart
 * from the gateway, so the pages type-check in Node for their unit tests.
 */
export type ApiGet = <T>(path: string) => Promise<Loaded<T>>;
