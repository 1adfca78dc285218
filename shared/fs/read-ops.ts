/**
 * The namespace operations that only read. A replica answers these through ReadIndex
 * without the log, applying them to its state machine directly; it must refuse any other
 * kind there, since applying a change outside the log would fork the replicas.
 */
import type { FsOpKind } from "./types";

const READ_KINDS: ReadonlySet<FsOpKind> = new Set<FsOpKind>([
  "volumeInfo",
  "stat",
  "list",
  "scan",
  "listVolumes",
  "uploadParts",
  "listUploads",
]);

/** Whether an op of `kind` leaves the namespace as it was (and so may skip the log). */
export function isFsReadOp(kind: FsOpKind): boolean {
  return READ_KINDS.has(kind);
}
