import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  APPEND_ROWS_PER_STATEMENT,
  SNAPSHOT_CHUNK_BYTES,
  SqliteRaftLog,
} from "../../../durable-objects/raft/sqlite-raft-log";
import { DEFAULT_GROUP } from "../../../shared/consensus/group-config";

describe("a replica's SQLite log", () => {
  it("keeps a snapshot larger than one SQLite value and reloads it byte for byte", async () => {
    const stub = env.RAFT_REPLICA.getByName("sqlite-log-test/1");
    const size = 2 * SNAPSHOT_CHUNK_BYTES + 12345;
    const result = await runInDurableObject(stub, (_, state) => {
      const log = new SqliteRaftLog(state.storage.sql);
      log.initialise({ id: 1, config: DEFAULT_GROUP });
      const data = new Uint8Array(size).map((_, i) => (i * 7) % 251);
      log.saveSnapshot({
        meta: { index: 40, term: 3, conf: { voters: [1, 2, 3], learners: [] } },
        data,
      });
      const loaded = log.load();
      const back = loaded?.storage.snapshot();
      return {
        index: back?.meta.index,
        length: back?.data.byteLength,
        same: back?.data.every((byte, i) => byte === data[i]),
        commit: loaded?.storage.initialState().hardState.commit,
      };
    });
    expect(result).toEqual({ index: 40, length: size, same: true, commit: 40 });
  });

  it("drops the whole log when a leader's snapshot is installed, and keeps it for its own", async () => {
    const stub = env.RAFT_REPLICA.getByName("sqlite-log-test/2");
    const lastIndexes = await runInDurableObject(stub, (_, state) => {
      const log = new SqliteRaftLog(state.storage.sql);
      log.initialise({ id: 2, config: DEFAULT_GROUP });
      const entries = [1, 2, 3, 4].map((index) => ({
        index,
        term: 1,
        type: "normal" as const,
        data: new Uint8Array([index]),
      }));
      log.append(entries, 0);
      const meta = { index: 2, term: 1, conf: { voters: [1, 2, 3], learners: [] } };
      log.saveSnapshot({ meta, data: new Uint8Array([9]) });
      const own = log.load()?.storage.lastIndex();
      log.installSnapshot({ meta: { ...meta, index: 3 }, data: new Uint8Array([8]) });
      const installed = log.load()?.storage.lastIndex();
      return { own, installed };
    });
    expect(lastIndexes).toEqual({ own: 4, installed: 3 });
  });

  it("replaces the suffix a new leader's entries conflict with, and only that", async () => {
    const stub = env.RAFT_REPLICA.getByName("sqlite-log-test/3");
    const terms = await runInDurableObject(stub, (_, state) => {
      const log = new SqliteRaftLog(state.storage.sql);
      log.initialise({ id: 3, config: DEFAULT_GROUP });
      const entry = (index: number, term: number) => ({
        index,
        term,
        type: "normal" as const,
        data: new Uint8Array([index]),
      });
      log.append(
        [1, 2, 3, 4].map((index) => entry(index, 1)),
        0,
      );
      log.append([entry(5, 1)], 4);
      log.append([entry(3, 2)], 5);
      const storage = log.load()?.storage;
      const last = storage?.lastIndex() ?? 0;
      return Array.from({ length: last }, (_, i) => storage?.term(i + 1));
    });
    expect(terms).toEqual([1, 1, 2]);
  });

  it("keeps every entry of a batch larger than one INSERT, in order and byte for byte", async () => {
    const stub = env.RAFT_REPLICA.getByName("sqlite-log-test/4");
    const count = 2 * APPEND_ROWS_PER_STATEMENT + 3;
    const reloaded = await runInDurableObject(stub, (_, state) => {
      const log = new SqliteRaftLog(state.storage.sql);
      log.initialise({ id: 4, config: DEFAULT_GROUP });
      const entries = Array.from({ length: count }, (_, i) => ({
        index: i + 1,
        term: 1 + (i % 3),
        type: i === 7 ? ("conf" as const) : ("normal" as const),
        data: new Uint8Array([i, 255 - i, 0]),
      }));
      log.append(entries, 0);
      const storage = log.load()?.storage;
      return (storage?.entries(1, count + 1) ?? []).map((e) => [
        e.index,
        e.term,
        e.type,
        [...e.data],
      ]);
    });
    expect(reloaded).toEqual(
      Array.from({ length: count }, (_, i) => [
        i + 1,
        1 + (i % 3),
        i === 7 ? "conf" : "normal",
        [i, 255 - i, 0],
      ]),
    );
  });

  it("keeps the last leader with the term it led, and reads a leader written without one", async () => {
    const stub = env.RAFT_REPLICA.getByName("sqlite-log-test/leader");
    const loaded = await runInDurableObject(stub, (_, state) => {
      const log = new SqliteRaftLog(state.storage.sql);
      log.initialise({ id: 1, config: DEFAULT_GROUP });
      const before = log.load();
      log.setLastLeader(2, 7);
      const recorded = log.load();
      log.setMeta("lastLeader", 3); // as replicas wrote it before terms were recorded
      const older = log.load();
      return [before, recorded, older].map((l) => [l?.lastLeader, l?.lastLeaderTerm]);
    });
    expect(loaded).toEqual([
      [0, 0],
      [2, 7],
      [3, 0],
    ]);
  });
});
