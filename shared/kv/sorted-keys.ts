/**
 * An ordered set of keys in UTF-8 byte order, stored as a list of small sorted blocks so
 * that inserts and removals cost O(log n + block size) instead of shifting one big array.
 */
import { compareUtf8 } from "./text";

/** Blocks split when they grow past twice this size. */
const BLOCK = 256;

export class SortedKeys {
  /** Non-empty sorted blocks; every key of a block sorts before every key of the next. */
  private blocks: string[][] = [];
  private count = 0;

  /** Builds from distinct keys (any order). */
  static from(keys: Iterable<string>): SortedKeys {
    const sorted = new SortedKeys();
    const all = [...keys].sort(compareUtf8);
    for (let i = 0; i < all.length; i += BLOCK) sorted.blocks.push(all.slice(i, i + BLOCK));
    sorted.count = all.length;
    return sorted;
  }

  get size(): number {
    return this.count;
  }

  /** Adds a key that is not present. */
  insert(key: string): void {
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      this.count = 1;
      return;
    }
    const b = Math.min(this.blockFor(key), this.blocks.length - 1);
    const block = this.blocks[b] as string[];
    block.splice(lowerBound(block, key), 0, key);
    this.count++;
    if (block.length > 2 * BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK));
  }

  /** Removes a key that is present. */
  remove(key: string): void {
    const b = this.blockFor(key);
    const block = this.blocks[b] as string[];
    block.splice(lowerBound(block, key), 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
  }

  /** The keys starting with `prefix`, in order. */
  *withPrefix(prefix: string): Generator<string> {
    for (const key of this.atOrAfter(prefix)) {
      if (!key.startsWith(prefix)) return;
      yield key;
    }
  }

  /** The keys not below `lower` (in UTF-8 byte order), in order. */
  *atOrAfter(lower: string): Generator<string> {
    const first = this.blockFor(lower);
    for (let b = first; b < this.blocks.length; b++) {
      const block = this.blocks[b] as string[];
      for (let i = b === first ? lowerBound(block, lower) : 0; i < block.length; i++) {
        yield block[i] as string;
      }
    }
  }

  /** How many keys are below `key`; O(blocks + log block size), without visiting keys. */
  rank(key: string): number {
    const b = this.blockFor(key);
    let below = 0;
    for (let i = 0; i < b; i++) below += (this.blocks[i] as string[]).length;
    const block = this.blocks[b];
    return block ? below + lowerBound(block, key) : below;
  }

  /** Every key, in order. */
  all(): string[] {
    return this.blocks.flat();
  }

  /** Index of the first block whose last key is not below `key` (blocks.length if none). */
  private blockFor(key: string): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = this.blocks[mid] as string[];
      if (compareUtf8(block[block.length - 1] as string, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerBound(block: readonly string[], key: string): number {
  let lo = 0;
  let hi = block.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareUtf8(block[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
