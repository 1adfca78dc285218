/**
 * The synchronous key storage a DHT node writes through. A Durable Object backs it with its
 * SQLite database (whose calls are synchronous and whose writes are held behind the output
 * gate until durable, so "persist before send" holds); the simulator uses `MemoryKeyStore`.
 *
 * A node may hold thousands of 1 MiB chunks, so nothing here hands out every value at once:
 * maintenance and hand-offs walk the records' heads (everything but the value) a page at a
 * time with `eachHead`, and load the values of the records they send one by one with
 * `get` (`eachRecord`).
 */
import type { RecordValue } from "./write-stamp";

/** A record without its value, which it says only whether it is a delete's tombstone. */
export type RecordHead<R extends { value: RecordValue }> = Omit<R, "value"> & {
  tombstone: boolean;
};

export interface KeyStore<R extends { key: string; value: RecordValue }> {
  get(key: string): R | undefined;
  put(record: R): void;
  delete(key: string): void;
  /**
   * The heads of at most `limit` records in the store's own key order, those with keys
   * after `after` (from the first key when it is undefined); no value is loaded.
   */
  heads(after: string | undefined, limit: number): RecordHead<R>[];
  size(): number;
}

/** Heads read per page by `eachHead`: a page's memory is bounded whatever the values' size. */
export const HEAD_PAGE = 256;

/**
 * Every record's head, in key order, a page at a time. Deleting the record just yielded (or
 * any other) while iterating is safe: the next page starts after the last key seen.
 */
export function* eachHead<R extends { key: string; value: RecordValue }>(
  store: KeyStore<R>,
  page = HEAD_PAGE,
): Generator<RecordHead<R>> {
  let after: string | undefined;
  for (;;) {
    const heads = store.heads(after, page);
    yield* heads;
    const last = heads[heads.length - 1];
    if (heads.length < page || last === undefined) return;
    after = last.key;
  }
}

/** The records whose heads `pick` accepts (all when omitted), each value loaded as it is reached. */
export function* eachRecord<R extends { key: string; value: RecordValue }>(
  store: KeyStore<R>,
  pick: (head: RecordHead<R>) => boolean = () => true,
): Generator<R> {
  for (const head of eachHead(store)) {
    if (!pick(head)) continue;
    const record = store.get(head.key);
    if (record !== undefined) yield record;
  }
}

/** The head of `record`. */
export function headOf<R extends { value: RecordValue }>(record: R): RecordHead<R> {
  const { value, ...rest } = record;
  return { ...rest, tombstone: value === null };
}

/** A `KeyStore` in a Map. */
export class MemoryKeyStore<R extends { key: string; value: RecordValue }> implements KeyStore<R> {
  private readonly records = new Map<string, R>();

  get(key: string): R | undefined {
    return this.records.get(key);
  }

  put(record: R): void {
    this.records.set(record.key, record);
  }

  delete(key: string): void {
    this.records.delete(key);
  }

  heads(after: string | undefined, limit: number): RecordHead<R>[] {
    const keys = [...this.records.keys()].filter((k) => after === undefined || k > after).sort();
    return keys.slice(0, limit).map((k) => headOf(this.records.get(k) as R));
  }

  size(): number {
    return this.records.size;
  }
}
