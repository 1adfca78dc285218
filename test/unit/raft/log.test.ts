import { describe, expect, it } from "vitest";
import { RaftLog } from "../../../shared/consensus/raft/raft-log";
import { MemoryStorage } from "../../../shared/consensus/raft/storage";
import type { Entry } from "../../../shared/consensus/raft/types";

const conf = { voters: [1, 2, 3], learners: [] };

function entries(...terms: number[]): Entry[] {
  return terms.map((term, i) => ({ term, index: i + 1, type: "normal", data: new Uint8Array() }));
}

function termsOf(log: RaftLog): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  for (let i = log.firstIndex(); i <= log.lastIndex(); i++) out.push(log.term(i));
  return out;
}

describe("MemoryStorage", () => {
  it("appends, truncates a conflicting suffix and compacts behind a placeholder", () => {
    const s = new MemoryStorage(conf);
    s.append(entries(1, 1, 2, 2));
    expect([s.firstIndex(), s.lastIndex()]).toEqual([1, 4]);
    s.append([{ term: 3, index: 3, type: "normal", data: new Uint8Array() }]);
    expect(s.lastIndex()).toBe(3);
    expect(s.term(3)).toBe(3);
    s.compact(2);
    expect(s.firstIndex()).toBe(3);
    expect(s.term(2)).toBe(1);
    expect(s.term(1)).toBeUndefined();
    expect(() => s.entries(2, 3)).toThrow(/below first index/);
    expect(() => s.append([{ term: 3, index: 9, type: "normal", data: new Uint8Array() }])).toThrow(
      /gap/,
    );
  });

  it("replaces everything with a newer snapshot and ignores an older one", () => {
    const s = new MemoryStorage(conf);
    s.append(entries(1, 1, 1));
    const snap = { meta: { index: 10, term: 4, conf }, data: new Uint8Array([7]) };
    s.applySnapshot(snap);
    expect([s.firstIndex(), s.lastIndex(), s.term(10)]).toEqual([11, 10, 4]);
    s.applySnapshot({ meta: { index: 5, term: 2, conf }, data: new Uint8Array() });
    expect(s.snapshot()).toBe(snap);
  });
});

describe("RaftLog", () => {
  it("appends only after a matching previous entry and truncates conflicts", () => {
    const log = new RaftLog(new MemoryStorage(conf));
    expect(log.maybeAppend(0, 0, 0, entries(1, 1, 2))).toBe(3);
    // Previous entry (2, term 5) does not match: rejected, nothing changes.
    expect(log.maybeAppend(2, 5, 0, [])).toBeUndefined();
    // A leader of term 3 overwrites index 3.
    const replacement = [{ term: 3, index: 3, type: "normal" as const, data: new Uint8Array() }];
    expect(log.maybeAppend(2, 1, 3, replacement)).toBe(3);
    expect(termsOf(log)).toEqual([1, 1, 3]);
    expect(log.committed).toBe(3);
    expect(() => log.maybeAppend(1, 1, 3, entries(1, 9).slice(1))).toThrow(
      /conflicts with committed/,
    );
  });

  it("finds the last index whose term is at most a given term (fast backtracking)", () => {
    const log = new RaftLog(new MemoryStorage(conf));
    log.append(entries(1, 1, 1, 4, 4, 5, 5, 6, 6, 6));
    expect(log.findConflictByTerm(10, 3)).toBe(3);
    expect(log.findConflictByTerm(10, 5)).toBe(7);
    expect(log.findConflictByTerm(10, 6)).toBe(10);
    expect(log.findConflictByTerm(20, 0)).toBe(0);
  });

  it("commits by quorum index only through an entry of the given term (Figure 8)", () => {
    const log = new RaftLog(new MemoryStorage(conf));
    log.append(entries(1, 2, 2));
    expect(log.maybeCommit(2, 3)).toBe(false);
    expect(log.committed).toBe(0);
    expect(log.maybeCommit(3, 2)).toBe(true);
    expect(log.committed).toBe(3);
  });

  it("stitches stable and unstable entries, and hands out committed ones once", () => {
    const storage = new MemoryStorage(conf);
    storage.append(entries(1, 1));
    const log = new RaftLog(storage);
    log.append(entries(1, 1, 2, 2).slice(2));
    log.commitTo(4);
    expect(log.nextCommittedEntries(10).map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(log.nextCommittedEntries(2).map((e) => e.index)).toEqual([1, 2]);
    log.appliedTo(4);
    expect(log.hasNextCommittedEntries()).toBe(false);
    log.stableTo(4, 2);
    expect(log.unstableEntries()).toEqual([]);
  });

  it("treats the up-to-date rule as (last term, then last index)", () => {
    const log = new RaftLog(new MemoryStorage(conf));
    log.append(entries(1, 2, 2));
    expect(log.isUpToDate(3, 2)).toBe(true);
    expect(log.isUpToDate(2, 2)).toBe(false);
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(9, 1)).toBe(false);
  });
});
