/**
 * A `KeyStore` in the node's SQLite database: one row per key, the record as JSON with
 * its bigint identifier as hex; a delete's tombstone is a row whose `value` is null. SQLite
 * calls in a Durable Object are synchronous and their writes are held behind the output
 * gate until durable, so the core's "persist before send" holds without awaiting.
 *
 * Migration: rows written before write stamps existed (Chord's `{ version }` records) load
 * with stamp 0, older than any write stamped since, and lose their `version`.
 */
import type { KeyStore } from "../../shared/dht/key-store";

export class SqliteRecords<R extends { key: string; id: bigint; stamp: number }>
  implements KeyStore<R>
{
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, data TEXT NOT NULL)");
  }

  get(key: string): R | undefined {
    const rows = this.sql.exec("SELECT data FROM records WHERE key = ?", key).toArray();
    const row = rows[0];
    return row ? this.decode(row.data as string) : undefined;
  }

  put(record: R): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO records (key, data) VALUES (?, ?)",
      record.key,
      JSON.stringify({ ...record, id: record.id.toString(16) }),
    );
  }

  delete(key: string): void {
    this.sql.exec("DELETE FROM records WHERE key = ?", key);
  }

  all(): R[] {
    const out: R[] = [];
    for (const row of this.sql.exec("SELECT data FROM records")) {
      out.push(this.decode(row.data as string));
    }
    return out;
  }

  size(): number {
    return this.sql.exec("SELECT COUNT(*) AS n FROM records").one().n as number;
  }

  /** Keys held with a value, tombstones not counted. */
  liveSize(): number {
    return this.sql
      .exec("SELECT COUNT(*) AS n FROM records WHERE json_extract(data, '$.value') IS NOT NULL")
      .one().n as number;
  }

  /** Drops every record (a failed node loses its storage). */
  clear(): void {
    this.sql.exec("DELETE FROM records");
  }

  private decode(data: string): R {
    const { version: _legacy, ...parsed } = JSON.parse(data) as {
      id: string;
      stamp?: number;
      version?: number;
    };
    return { ...parsed, id: BigInt(`0x${parsed.id}`), stamp: parsed.stamp ?? 0 } as unknown as R;
  }
}
