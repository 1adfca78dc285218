import { describe, expect, it } from "vitest";
import { Raft } from "../../../shared/consensus/raft/raft";
import { MemoryStorage } from "../../../shared/consensus/raft/storage";
import { type Entry, message } from "../../../shared/consensus/raft/types";
import { Rng } from "../../../shared/rng";

const TERM = 2;
const LAST = 10;
/** The commit index on disk: older than the entries acknowledged before the restart. */
const DISK_COMMIT = 5;

/** Replica 1 of {1, 2, 3} restarted: it led `TERM`, its log ends at `LAST` in that term. */
function restarted(hardState = { term: TERM, vote: 1, commit: DISK_COMMIT }): Raft {
  const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
  const entries: Entry[] = [];
  for (let index = 1; index <= LAST; index++) {
    entries.push({ index, term: index <= 3 ? 1 : TERM, type: "normal", data: new Uint8Array() });
  }
  storage.append(entries);
  storage.setHardState(hardState);
  return new Raft({ id: 1, storage, rng: new Rng(1), electionTick: 10, heartbeatTick: 1 });
}

describe("a Raft core resuming the term it led", () => {
  it("is refused unless it voted for itself in that term and its log ends in it", () => {
    expect(restarted().resumeLeadership(TERM - 1)).toBe(false);
    expect(restarted({ term: TERM, vote: 2, commit: DISK_COMMIT }).resumeLeadership(TERM)).toBe(
      false,
    );
    expect(restarted({ term: TERM + 1, vote: 1, commit: 0 }).resumeLeadership(TERM + 1)).toBe(
      false,
    );
    const r = restarted();
    expect(r.resumeLeadership(TERM)).toBe(true);
    expect(r.resumeLeadership(TERM)).toBe(false); // already leading
  });

  it("appends nothing, probes every follower, and is confirmed by a quorum's acknowledgement", () => {
    const r = restarted();
    r.resumeLeadership(TERM);
    expect(r.log.lastIndex()).toBe(LAST);
    expect(r.msgs.map((m) => [m.type, m.to, m.index])).toEqual([
      ["app", 2, LAST],
      ["app", 3, LAST],
    ]);
    expect(r.leadershipConfirmed()).toBe(false);
    r.step(message({ type: "appResp", from: 2, term: TERM, index: LAST }));
    expect(r.leadershipConfirmed()).toBe(true);
    expect(r.log.committed).toBe(LAST);
  });

  it("answers a read at no index below what was acknowledged before the restart", () => {
    const r = restarted();
    r.resumeLeadership(TERM);
    r.msgs = [];
    r.step(message({ type: "readIndex", context: "q" }));
    // Held: the commit index from disk (5) may be below what clients were told (10).
    expect(r.msgs).toEqual([]);
    r.step(message({ type: "appResp", from: 2, term: TERM, index: LAST }));
    const beat = r.msgs.find((m) => m.type === "heartbeat" && m.to === 2);
    expect(beat?.context).toBe("q");
    r.step(message({ type: "heartbeatResp", from: 2, term: TERM, context: "q" }));
    expect(r.readStates).toEqual([{ index: LAST, context: "q" }]);
  });
});
