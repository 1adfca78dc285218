import { describe, expect, it } from "vitest";
import { snapshotDue } from "../../../shared/consensus/snapshot-policy";

describe("snapshotDue", () => {
  it("waits for the group's entry count, then for as many log bytes as the last snapshot", () => {
    expect(snapshotDue({ entries: 99, logBytes: 10_000, snapshotBytes: 0 }, 100)).toBe(false);
    expect(snapshotDue({ entries: 100, logBytes: 1, snapshotBytes: 0 }, 100)).toBe(true);
    expect(snapshotDue({ entries: 5_000, logBytes: 999, snapshotBytes: 1_000 }, 100)).toBe(false);
    expect(snapshotDue({ entries: 5_000, logBytes: 1_000, snapshotBytes: 1_000 }, 100)).toBe(true);
  });

  it("keeps total snapshot bytes within a small multiple of the bytes written", () => {
    // Every write adds a fresh 300-byte key: the state grows with the log.
    let state = 0;
    let since = { entries: 0, logBytes: 0 };
    let written = 0;
    let snapshotBytes = 0;
    let snapshotted = 0;
    for (let write = 0; write < 1_000_000; write++) {
      state += 300;
      written += 300;
      since = { entries: since.entries + 1, logBytes: since.logBytes + 300 };
      if (snapshotDue({ ...since, snapshotBytes }, 100)) {
        snapshotBytes = state;
        snapshotted += state;
        since = { entries: 0, logBytes: 0 };
      }
    }
    // With snapshots every 100 entries alone this would be about 5,000 times the writes.
    expect(snapshotted / written).toBeLessThan(3);
  });
});
