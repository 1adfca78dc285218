/**
 * The search's memo: the (linearized set, register state) pairs already explored, with
 * the set kept as a bitset under incremental Zobrist hashing so that a lookup costs a
 * hash probe, not a string of the whole bitset.
 */

/**
 * A current bitset over operation indices, edited with `toggle`, and the set of
 * (bitset, state) pairs recorded so far. Exact: hash collisions are resolved by comparing
 * the stored bitsets.
 */
export class ExploredSet {
  private readonly words: Uint32Array;
  private readonly zobrist1: Int32Array;
  private readonly zobrist2: Int32Array;
  /** Hashes of the current bitset, kept in step by `toggle`. */
  private hash1 = 0;
  private hash2 = 0;
  /** Entries are [state, ...bitset words], bucketed by a 53-bit hash of both. */
  private readonly buckets = new Map<number, Uint32Array[]>();

  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
    this.zobrist1 = Int32Array.from({ length: size }, (_, i) => mix32(2 * i + 1));
    this.zobrist2 = Int32Array.from({ length: size }, (_, i) => mix32(2 * i + 2));
  }

  /** Adds or removes `index` from the current bitset. */
  toggle(index: number): void {
    const word = index >>> 5;
    this.words[word] = (this.words[word] as number) ^ (1 << (index & 31));
    this.hash1 ^= this.zobrist1[index] as number;
    this.hash2 ^= this.zobrist2[index] as number;
  }

  /** Records (current bitset, `state`); false when it was recorded before. */
  add(state: number): boolean {
    const k1 = (this.hash1 ^ mix32(~state)) >>> 0;
    const k2 = (this.hash2 ^ mix32(state + 0x51ed27)) >>> 11;
    const key = k1 * 2 ** 21 + k2;
    const bucket = this.buckets.get(key);
    if (bucket) {
      for (const entry of bucket) if (entry[0] === state && this.matches(entry)) return false;
    }
    const entry = new Uint32Array(this.words.length + 1);
    entry[0] = state;
    entry.set(this.words, 1);
    if (bucket) bucket.push(entry);
    else this.buckets.set(key, [entry]);
    return true;
  }

  private matches(entry: Uint32Array): boolean {
    for (let i = 0; i < this.words.length; i++) if (entry[i + 1] !== this.words[i]) return false;
    return true;
  }
}

/** MurmurHash3's 32-bit finalizer: a bijective mix of an integer. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
