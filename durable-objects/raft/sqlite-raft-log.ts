/**
 * A replica's durable Raft state in its Durable Object's SQLite: hard state, log entries
 * and the latest snapshot, plus the group identity. On load it fills a `MemoryStorage`
 * (the view the core reads); afterwards every Ready is written here first, then mirrored
 * into that view, so the two never disagree about what is durable.
 */
import type { GroupConfig } from "../../shared/consensus/group-config";
import type { DurableLog } from "../../shared/consensus/host/ports";
import {
  type ConfState,
  type Entry,
  type HardState,
  MemoryStorage,
  type Snapshot,
} from "../../shared/consensus/raft";

/** Who this replica is. */
export interface ReplicaIdentity {
  id: number;
  config: GroupConfig;
}

/** Durable state loaded at start. */
export interface LoadedState {
  identity: ReplicaIdentity;
  storage: MemoryStorage;
  /** Membership as of the snapshot, before replaying conf entries after it. */
  snapshotConf: ConfState;
  /** The leader last recorded by `setLastLeader` (0: none). */
  lastLeader: number;
  /** The term it led (0: none recorded, or recorded before terms were). */
  lastLeaderTerm: number;
}

/** The `lastLeader` row: the leader and its term, or (as first written) the leader alone. */
type LeaderRow = { leader: number; term: number } | number;

/**
 * Snapshot bytes are stored in chunks of at most this size: one SQLite value may not
 * exceed 2 MB in a Durable Object, and a KV snapshot can be larger.
 */
export const SNAPSHOT_CHUNK_BYTES = 1024 * 1024;

export class SqliteRaftLog implements DurableLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    sql.exec(
      "CREATE TABLE IF NOT EXISTS log (idx INTEGER PRIMARY KEY, term INTEGER NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL)",
    );
    sql.exec(
      "CREATE TABLE IF NOT EXISTS snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), idx INTEGER NOT NULL, term INTEGER NOT NULL, conf TEXT NOT NULL)",
    );
    sql.exec(
      "CREATE TABLE IF NOT EXISTS snapshot_chunk (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)",
    );
  }

  /** Records who this replica is and its initial membership (first start only). */
  initialise(identity: ReplicaIdentity): void {
    this.setMeta("identity", identity);
    const conf: ConfState = { voters: range(identity.config.replicas), learners: [] };
    this.sql.exec(
      "INSERT OR IGNORE INTO snapshot (id, idx, term, conf) VALUES (1, 0, 0, ?)",
      JSON.stringify(conf),
    );
  }

  /** Everything durable, or null for a replica that was never initialised. */
  load(): LoadedState | null {
    const identity = this.getMeta<ReplicaIdentity>("identity");
    if (!identity) return null;
    const row = this.sql.exec("SELECT idx, term, conf FROM snapshot WHERE id = 1").one();
    const snapshotConf = JSON.parse(row.conf as string) as ConfState;
    const snapshot: Snapshot = {
      meta: { index: row.idx as number, term: row.term as number, conf: snapshotConf },
      data: this.snapshotData(),
    };
    const storage = new MemoryStorage(snapshotConf);
    storage.applySnapshot(snapshot);
    const entries = this.sql
      .exec("SELECT idx, term, type, data FROM log WHERE idx > ? ORDER BY idx", snapshot.meta.index)
      .toArray()
      .map(
        (r): Entry => ({
          index: r.idx as number,
          term: r.term as number,
          type: r.type as Entry["type"],
          data: new Uint8Array(r.data as ArrayBuffer),
        }),
      );
    storage.append(entries);
    // The commit index on disk is the one of the last election or quiet spell, not the
    // latest (Raft re-learns it); a snapshot's index is committed by definition.
    const hardState = this.getMeta<HardState>("hardState") ?? { term: 0, vote: 0, commit: 0 };
    storage.setHardState({ ...hardState, commit: Math.max(hardState.commit, snapshot.meta.index) });
    const led = this.getMeta<LeaderRow>("lastLeader") ?? 0;
    const { leader, term } = typeof led === "number" ? { leader: led, term: 0 } : led;
    return { identity, storage, snapshotConf, lastLeader: leader, lastLeaderTerm: term };
  }

  /**
   * Appends entries after a log whose last index is `lastIndex`, replacing the suffix they
   * conflict with. In the steady state they start past it and nothing is deleted. Rows go
   * in multi-row INSERTs of up to `APPEND_ROWS_PER_STATEMENT`: each `exec` has a fixed
   * cost on the replica's only thread, and a batch of a busy leader carries many entries.
   */
  append(entries: readonly Entry[], lastIndex: number): void {
    const first = entries[0];
    if (!first) return;
    if (first.index <= lastIndex) this.sql.exec("DELETE FROM log WHERE idx >= ?", first.index);
    for (let start = 0; start < entries.length; start += APPEND_ROWS_PER_STATEMENT) {
      const rows = entries.slice(start, start + APPEND_ROWS_PER_STATEMENT);
      const values: (number | string | Uint8Array)[] = [];
      for (const entry of rows) values.push(entry.index, entry.term, entry.type, entry.data);
      this.sql.exec(insertStatement(rows.length), ...values);
    }
  }

  setHardState(hardState: HardState): void {
    this.setMeta("hardState", hardState);
  }

  setLastLeader(leader: number, term: number): void {
    this.setMeta("lastLeader", { leader, term } satisfies LeaderRow);
  }

  /** Stores a snapshot of this replica's own applied state; the log is kept. */
  saveSnapshot(snapshot: Snapshot): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO snapshot (id, idx, term, conf) VALUES (1, ?, ?, ?)",
      snapshot.meta.index,
      snapshot.meta.term,
      JSON.stringify(snapshot.meta.conf),
    );
    this.sql.exec("DELETE FROM snapshot_chunk");
    for (
      let offset = 0, seq = 0;
      offset < snapshot.data.byteLength;
      offset += SNAPSHOT_CHUNK_BYTES, seq++
    ) {
      this.sql.exec(
        "INSERT INTO snapshot_chunk (seq, data) VALUES (?, ?)",
        seq,
        snapshot.data.subarray(offset, offset + SNAPSHOT_CHUNK_BYTES),
      );
    }
  }

  /** The stored snapshot's bytes, reassembled from their chunks. */
  private snapshotData(): Uint8Array {
    const chunks = this.sql
      .exec("SELECT data FROM snapshot_chunk ORDER BY seq")
      .toArray()
      .map((row) => new Uint8Array(row.data as ArrayBuffer));
    const data = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return data;
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  installSnapshot(snapshot: Snapshot): void {
    this.saveSnapshot(snapshot);
    this.sql.exec("DELETE FROM log");
  }

  /** Drops log entries up to `index` (covered by the stored snapshot). */
  compact(index: number): void {
    this.sql.exec("DELETE FROM log WHERE idx <= ?", index);
  }

  getMeta<T>(key: string): T | null {
    const rows = this.sql.exec("SELECT value FROM meta WHERE key = ?", key).toArray();
    return rows[0] ? (JSON.parse(rows[0].value as string) as T) : null;
  }

  setMeta(key: string, value: unknown): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
      key,
      JSON.stringify(value),
    );
  }
}

/**
 * Most rows in one INSERT: 4 bound values each, and a Durable Object's SQLite allows at
 * most 100 bound values per statement.
 */
export const APPEND_ROWS_PER_STATEMENT = 25;

/** `INSERT INTO log … VALUES (?, ?, ?, ?), …` for `rows` rows, built once per row count. */
const insertStatements: string[] = [];
function insertStatement(rows: number): string {
  let statement = insertStatements[rows];
  if (statement === undefined) {
    const tuples = Array.from({ length: rows }, () => "(?, ?, ?, ?)").join(", ");
    statement = `INSERT INTO log (idx, term, type, data) VALUES ${tuples}`;
    insertStatements[rows] = statement;
  }
  return statement;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
