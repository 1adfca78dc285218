/**
 * Reference counts of chunks: how many manifest entries name each hash. A volume keeps one
 * for its files (distinct chunks, physical bytes, dedup ratio) and one for the parts its
 * open uploads have recorded (chunks garbage collection must spare). Both are derived
 * state: a snapshot does not carry them; `restore` rebuilds them from files and parts.
 */
import type { ChunkRef } from "./types";

interface Count {
  size: number;
  count: number;
}

export class RefCounts {
  /** Invariant: every count is ≥ 1 (a hash whose count drops to 0 is removed). */
  private counts = new Map<string, Count>();
  private bytes = 0;

  /** Distinct hashes referenced. */
  get distinct(): number {
    return this.counts.size;
  }

  /** Bytes of the distinct chunks referenced. */
  get physicalBytes(): number {
    return this.bytes;
  }

  has(hash: string): boolean {
    return this.counts.has(hash);
  }

  /** The size recorded for `hash`, if it is referenced. */
  sizeOf(hash: string): number | undefined {
    return this.counts.get(hash)?.size;
  }

  /** Counts one reference per entry (a chunk named twice counts twice). */
  add(chunks: readonly ChunkRef[]): void {
    for (const { hash, size } of chunks) {
      const found = this.counts.get(hash);
      if (found) found.count++;
      else {
        this.counts.set(hash, { size, count: 1 });
        this.bytes += size;
      }
    }
  }

  /** Drops one reference per entry; each must have been added. */
  remove(chunks: readonly ChunkRef[]): void {
    for (const { hash } of chunks) {
      const found = this.counts.get(hash);
      if (!found) throw new Error(`chunk ${hash} is not referenced`);
      if (--found.count === 0) {
        this.counts.delete(hash);
        this.bytes -= found.size;
      }
    }
  }
}
