/**
 * The synchronous key storage a DHT node writes through. A Durable Object backs it with its
 * SQLite database (whose calls are synchronous and whose writes are held behind the output
 * gate until durable, so "persist before send" holds); the simulator uses `MemoryKeyStore`.
 */

export interface KeyStore<R extends { key: string }> {
  get(key: string): R | undefined;
  put(record: R): void;
  delete(key: string): void;
  /** Every record held, in no particular order. */
  all(): R[];
  size(): number;
}

/** A `KeyStore` in a Map. */
export class MemoryKeyStore<R extends { key: string }> implements KeyStore<R> {
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

  all(): R[] {
    return [...this.records.values()];
  }

  size(): number {
    return this.records.size;
  }
}
