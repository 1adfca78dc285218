/**
 * A `KeyStore` in the node's SQLite database: one row per key, the record as JSON with
 * its bigint identifier as hex; a delete's tombstone is a row whose `value` is null. A
 * value of bytes (a chunk) is kept in the row's `bytes` BLOB column, never as text, and
 * left out of the JSON. SQLite calls in a Durable Object are synchronous and their writes
 * are held behind the output gate until durable, so the core's "persist before send"
 * holds without awaiting.
 *
 * Migration: rows written before write stamps existed (Chord's `{ version }` records) load
 * with stamp 0, older than any write stamped since, and lose their `version`; a table from
 * before chunks gains its `bytes` column. `heads` pages through the records without reading
 * a BLOB, so maintenance never loads a chunk it does not send.
 */
import { CHUNK_KEY_PREFIX, chunkHashOf } from "../../shared/dht/chunk-key";
import type { KeyStore, RecordHead } from "../../shared/dht/key-store";
import type { RecordValue } from "../../shared/dht/write-stamp";

type Stored = { key: string; id: bigint; stamp: number; value: RecordValue };

/** What a head is read from: the JSON and whether a BLOB is held, never the BLOB itself. */
const HEAD_COLUMNS = "data, bytes IS NOT NULL AS has";

export class SqliteRecords<R extends Stored> implements KeyStore<R> {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(
      "CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, data TEXT NOT NULL, bytes BLOB)",
    );
    const columns = sql.exec("PRAGMA table_info(records)").toArray();
    if (!columns.some((c) => c.name === "bytes")) {
      sql.exec("ALTER TABLE records ADD COLUMN bytes BLOB");
    }
  }

  get(key: string): R | undefined {
    const rows = this.sql.exec("SELECT data, bytes FROM records WHERE key = ?", key).toArray();
    const row = rows[0];
    return row ? this.decode(row.data as string, row.bytes ?? null) : undefined;
  }

  put(record: R): void {
    const { value } = record;
    const bytes = value instanceof Uint8Array ? exactBuffer(value) : null;
    const data = { ...record, id: record.id.toString(16), value: bytes ? undefined : value };
    this.sql.exec(
      "INSERT OR REPLACE INTO records (key, data, bytes) VALUES (?, ?, ?)",
      record.key,
      JSON.stringify(data),
      bytes,
    );
  }

  delete(key: string): void {
    this.sql.exec("DELETE FROM records WHERE key = ?", key);
  }

  heads(after: string | undefined, limit: number): RecordHead<R>[] {
    const rows =
      after === undefined
        ? this.sql.exec(`SELECT ${HEAD_COLUMNS} FROM records ORDER BY key LIMIT ?`, limit)
        : this.sql.exec(
            `SELECT ${HEAD_COLUMNS} FROM records WHERE key > ? ORDER BY key LIMIT ?`,
            after,
            limit,
          );
    const out: RecordHead<R>[] = [];
    for (const row of rows) {
      const { value, ...head } = this.decode(row.data as string, null);
      out.push({ ...head, tombstone: value === null && !row.has } as RecordHead<R>);
    }
    return out;
  }

  size(): number {
    return this.sql.exec("SELECT COUNT(*) AS n FROM records").one().n as number;
  }

  /** Keys held with a text value: tombstones and chunks not counted. */
  liveSize(): number {
    return this.sql
      .exec("SELECT COUNT(*) AS n FROM records WHERE json_extract(data, '$.value') IS NOT NULL")
      .one().n as number;
  }

  /** The hashes of the chunks held with bytes and of those held as tombstones, without loading bytes. */
  chunkHashes(): { held: string[]; deleted: string[] } {
    const held: string[] = [];
    const deleted: string[] = [];
    const rows = this.sql.exec(
      "SELECT key, bytes IS NOT NULL AS has FROM records WHERE key >= ? AND key < ?",
      CHUNK_KEY_PREFIX,
      `${CHUNK_KEY_PREFIX}\uffff`,
    );
    for (const row of rows) {
      const hash = chunkHashOf(row.key as string);
      if (hash !== undefined) (row.has ? held : deleted).push(hash);
    }
    return { held, deleted };
  }

  /** Replaces the bytes of a held value of bytes in place, stamp kept; false when none. */
  overwriteBytes(key: string, bytes: Uint8Array): boolean {
    const cursor = this.sql.exec(
      "UPDATE records SET bytes = ? WHERE key = ? AND bytes IS NOT NULL",
      exactBuffer(bytes),
      key,
    );
    return cursor.rowsWritten > 0;
  }

  /** Drops every record (a failed node loses its storage). */
  clear(): void {
    this.sql.exec("DELETE FROM records");
  }

  private decode(data: string, bytes: SqlStorageValue): R {
    const { version: _legacy, ...parsed } = JSON.parse(data) as {
      id: string;
      stamp?: number;
      value?: string | null;
      version?: number;
    };
    const value = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : (parsed.value ?? null);
    return {
      ...parsed,
      id: BigInt(`0x${parsed.id}`),
      stamp: parsed.stamp ?? 0,
      value,
    } as unknown as R;
  }
}

/** The bytes of `view` as an ArrayBuffer of exactly their length (what SQLite binds as a BLOB). */
function exactBuffer(view: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = view;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) {
    return buffer;
  }
  return view.slice().buffer as ArrayBuffer;
}
