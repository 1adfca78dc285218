/**
 * The namespace's snapshot encoding: canonical JSON (object keys sorted, volumes and sweeps
 * by name, directory entries in name order, sets sorted) as UTF-8, so equal states encode
 * to equal bytes on every replica. Derived state — counts, chunk reference counts — is not
 * encoded; decoding rebuilds it.
 */
import type { SweepRecord } from "./gc-sweeps";
import { type DirFields, type DirNode, dirFieldsOf, type FileNode, type TreeNode } from "./tree";
import type { FileAttrs, RetiredVolume } from "./types";
import { partNumbers, type UploadPart, type UploadRecord } from "./uploads";
import { Volume } from "./volume";

/** The snapshot format this code writes and reads. */
export const FS_SNAPSHOT_FORMAT = 1;

/** A file as its tree node is; a directory with its entries as [name, node] in name order. */
type EncodedNode = FileNode | (DirFields & { entries: [string, EncodedNode][] });

interface EncodedVolume {
  name: string;
  group: string;
  ring: string;
  revision: number;
  /** Absent in snapshots written before volumes recorded it: 0. */
  createdAt?: number;
  root: EncodedNode;
  uploads: {
    id: string;
    path: string;
    openedAt: number;
    expiresAt: number;
    attrs?: FileAttrs;
    parts: [number, UploadPart][];
  }[];
}

interface EncodedSweep {
  id: string;
  ring: string;
  ended: boolean;
  doomed: string[];
  overlapping: string[];
}

interface EncodedState {
  format: number;
  volumes: EncodedVolume[];
  sweeps: EncodedSweep[];
  /** Absent in snapshots written before volumes could be deleted: none. */
  retired?: RetiredVolume[];
}

/**
 * Encodes volumes (in the order given: sorted by name), sweeps (sorted by id) and the
 * placements of deleted volumes (sorted by name).
 */
export function encodeSnapshot(
  volumes: readonly Volume[],
  sweeps: readonly SweepRecord[],
  retired: readonly RetiredVolume[],
) {
  const state: EncodedState = {
    format: FS_SNAPSHOT_FORMAT,
    retired: retired.map((r) => ({ ...r })),
    volumes: volumes.map((v) => ({
      name: v.name,
      group: v.group,
      ring: v.ring,
      revision: v.revision,
      createdAt: v.createdAt,
      root: encodeNode(v.root),
      uploads: v.uploads.all().map((u) => ({
        id: u.id,
        path: u.path,
        openedAt: u.openedAt,
        expiresAt: u.expiresAt,
        attrs: u.attrs,
        parts: partNumbers(u).map((n) => [n, u.parts.get(n) as UploadPart]),
      })),
    })),
    sweeps: sweeps.map((s) => ({
      id: s.id,
      ring: s.ring,
      ended: s.ended,
      doomed: [...s.doomed].sort(),
      overlapping: [...s.overlapping].sort(),
    })),
  };
  return new TextEncoder().encode(canonicalJson(state));
}

/** Decodes a snapshot into live volumes and sweep records; throws on an unknown format. */
export function decodeSnapshot(bytes: Uint8Array): {
  volumes: Volume[];
  sweeps: SweepRecord[];
  retired: RetiredVolume[];
} {
  const state = JSON.parse(new TextDecoder().decode(bytes)) as EncodedState;
  if (state.format !== FS_SNAPSHOT_FORMAT) {
    throw new Error(`unknown FS snapshot format ${String(state.format)}`);
  }
  const volumes = state.volumes.map((v) => {
    const volume = new Volume(v.name, v.ring, v.group, decodeNode(v.root) as DirNode);
    volume.revision = v.revision;
    volume.createdAt = v.createdAt ?? 0;
    volume.recount();
    for (const u of v.uploads) {
      const record: UploadRecord = {
        id: u.id,
        path: u.path,
        openedAt: u.openedAt,
        expiresAt: u.expiresAt,
        ...(u.attrs && { attrs: u.attrs }),
        parts: new Map(
          u.parts.map(([n, part]) => [n, { ...part, mtime: part.mtime ?? u.openedAt }]),
        ),
      };
      volume.uploads.open(record);
    }
    return volume;
  });
  const sweeps = state.sweeps.map(
    (s): SweepRecord => ({
      id: s.id,
      ring: s.ring,
      ended: s.ended,
      doomed: new Set(s.doomed),
      overlapping: new Set(s.overlapping),
    }),
  );
  return { volumes, sweeps, retired: (state.retired ?? []).map((r) => ({ ...r })) };
}

function encodeNode(node: TreeNode): EncodedNode {
  if (node.type === "file") {
    const { type, size, mtime, sha256, version, revision, chunks, attrs } = node;
    return { type, size, mtime, sha256, version, revision, chunks, attrs };
  }
  return {
    ...dirFieldsOf(node),
    entries: node.names.map((name) => [name, encodeNode(node.children.get(name) as TreeNode)]),
  };
}

function decodeNode(node: EncodedNode): TreeNode {
  if (node.type === "file") {
    const file: FileNode = { ...node, chunks: node.chunks.map((c) => ({ ...c })) };
    return file;
  }
  const dir: DirNode = { ...dirFieldsOf(node), children: new Map(), names: [] };
  for (const [name, child] of node.entries) {
    dir.children.set(name, decodeNode(child));
    dir.names.push(name);
  }
  return dir;
}

/** JSON with every object's keys in sorted order (arrays keep theirs). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(",")}}`;
}
