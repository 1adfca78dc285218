/**
 * The current keys and their revision metadata, kept in UTF-8 byte order for prefix
 * ranges.
 */
import type { KeyInterval } from "./key-range";
import { SortedKeys } from "./sorted-keys";
import type { KeyValue } from "./types";

/**
 * A sorted map from key to `KeyValue`. Stored records are never mutated — every change
 * stores a new object — so records handed out stay valid snapshots.
 */
export class Keyspace {
  /** Exactly the keys of `items`, in UTF-8 byte order. */
  private sorted = new SortedKeys();
  private readonly items = new Map<string, KeyValue>();

  /** Rebuilds a keyspace from records (any order). */
  static from(records: readonly KeyValue[]): Keyspace {
    const keyspace = new Keyspace();
    for (const record of records) keyspace.items.set(record.key, record);
    keyspace.sorted = SortedKeys.from(keyspace.items.keys());
    return keyspace;
  }

  get size(): number {
    return this.sorted.size;
  }

  get(key: string): KeyValue | undefined {
    return this.items.get(key);
  }

  /** Keys starting with `prefix` in order, at most `limit` of them when `limit` > 0. */
  range(prefix: string, limit = 0): { items: KeyValue[]; more: boolean } {
    const items: KeyValue[] = [];
    for (const key of this.sorted.withPrefix(prefix)) {
      if (limit > 0 && items.length === limit) return { items, more: true };
      items.push(this.items.get(key) as KeyValue);
    }
    return { items, more: false };
  }

  /** The keys not below `lower`, in UTF-8 byte order. */
  keysFrom(lower: string): Iterable<string> {
    return this.sorted.atOrAfter(lower);
  }

  /** How many keys an interval holds, without visiting them. */
  countIn(interval: KeyInterval): number {
    const below = (key: string | null) => (key === null ? this.size : this.sorted.rank(key));
    return Math.max(0, below(interval.upper) - below(interval.lower));
  }

  /**
   * Stores `value` under `key` at `revision`: a new key starts at version 1 with
   * createRevision = revision; an existing one keeps createRevision and counts up.
   */
  put(key: string, value: string, revision: number, lease?: number): KeyValue {
    const prev = this.items.get(key);
    const item: KeyValue = {
      key,
      value,
      createRevision: prev ? prev.createRevision : revision,
      modRevision: revision,
      version: prev ? prev.version + 1 : 1,
    };
    if (lease !== undefined) item.lease = lease;
    if (!prev) this.sorted.insert(key);
    this.items.set(key, item);
    return item;
  }

  /** Removes `key`, returning what it held. */
  delete(key: string): KeyValue | undefined {
    const prev = this.items.get(key);
    if (!prev) return undefined;
    this.items.delete(key);
    this.sorted.remove(key);
    return prev;
  }

  /** Every record, in key order. */
  all(): KeyValue[] {
    return this.sorted.all().map((key) => this.items.get(key) as KeyValue);
  }
}
