/**
 * One garbage-collection pass over a volume's ring, following the namespace's fail-closed
 * sweep protocol (`shared/fs/gc-sweeps.ts`): list every chunk the ring holds — a listing
 * that misses a node deletes nothing — then, `MAX_GC_LISTED` hashes at a time, open a sweep
 * through the group, which answers what may go; delete exactly that; and end the sweep
 * only once every delete has finished. A delete that fails leaves its sweep open (uploads
 * that overlap it stay barred from its doomed chunks) and fails the pass.
 */
import { MAX_GC_LISTED } from "../../shared/fs/limits";
import { ProblemError } from "../gateway/problem";
import { deleteChunk, listChunks } from "./chunk-store";
import { fsCall } from "./namespace-calls";
import type { VolumeRef } from "./volume-directory";

/** Chunk deletes in flight at once (the platform allows 6 open connections per request). */
export const DELETE_PARALLELISM = 4;

/** What a pass did. */
export interface CollectionReport {
  /** Distinct chunks the ring held. */
  listed: number;
  /** Chunks deleted: no file and no open upload referenced them. */
  deleted: number;
  sweeps: number;
}

/** Collects the chunks of `volume`'s ring that nothing references any more. */
export async function collectGarbage(env: Env, volume: VolumeRef): Promise<CollectionReport> {
  const listing = await listChunks(env, volume.ring);
  if (!listing.complete) {
    throw new ProblemError(
      "unavailable",
      `a node of ring "${volume.ring}" did not answer the listing; nothing was collected`,
      { headers: { "retry-after": "5" } },
    );
  }
  const report: CollectionReport = { listed: listing.hashes.length, deleted: 0, sweeps: 0 };
  for (let at = 0; at < listing.hashes.length; at += MAX_GC_LISTED) {
    const sweep = crypto.randomUUID();
    const listed = listing.hashes.slice(at, at + MAX_GC_LISTED);
    const begun = await fsCall(
      env,
      volume.group,
      volume.name,
      { kind: "gcBegin", sweep, listed, complete: true },
      { write: true },
    );
    report.sweeps++;
    await deleteAll(env, volume.ring, begun.deletable);
    report.deleted += begun.deletable.length;
    await fsCall(env, volume.group, volume.name, { kind: "gcEnd", sweep }, { write: true });
  }
  return report;
}

async function deleteAll(env: Env, ring: string, hashes: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < hashes.length) {
      const hash = hashes[next++] as string;
      await deleteChunk(env, ring, hash);
    }
  };
  await Promise.all(Array.from({ length: DELETE_PARALLELISM }, worker));
}
