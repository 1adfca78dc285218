import { describe, expect, it } from "vitest";
import { Raft } from "../../../shared/consensus/raft/raft";
import { RawNode } from "../../../shared/consensus/raft/raw-node";
import { MemoryStorage } from "../../../shared/consensus/raft/storage";
import { message } from "../../../shared/consensus/raft/types";
import { Rng } from "../../../shared/rng";

function node(id: number, preVote = true, checkQuorum = true): RawNode {
  const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
  return new RawNode(
    new Raft({
      id,
      storage,
      rng: new Rng(id),
      electionTick: 10,
      heartbeatTick: 1,
      preVote,
      checkQuorum,
    }),
  );
}

describe("core rules, one replica at a time", () => {
  it("a pre-vote campaign asks for term+1 without moving its own term", () => {
    const n = node(1);
    n.campaign();
    const rd = n.ready();
    expect(n.raft.role).toBe("preCandidate");
    expect(n.raft.term).toBe(0);
    expect(rd.messages.map((m) => [m.type, m.to, m.term])).toEqual([
      ["preVote", 2, 1],
      ["preVote", 3, 1],
    ]);
  });

  it("without pre-vote a campaign bumps the term and votes for itself, persisted before sending", () => {
    const n = node(1, false);
    n.campaign();
    const rd = n.ready();
    expect(rd.hardState).toEqual({ term: 1, vote: 1, commit: 0 });
    expect(rd.messages.every((m) => m.type === "vote" && m.term === 1)).toBe(true);
  });

  it("grants one vote per term and refuses candidates with a staler log", () => {
    const n = node(2, false, false);
    n.step(message({ type: "vote", from: 1, to: 2, term: 1 }));
    n.step(message({ type: "vote", from: 3, to: 2, term: 1 }));
    const replies = n.ready().messages.map((m) => [m.to, m.reject]);
    expect(replies).toEqual([
      [1, false],
      [3, true],
    ]);
    expect(n.raft.vote).toBe(1);
    // Give replica 2 an entry of term 2; a candidate whose log ends in term 1 is refused.
    n.step(
      message({
        type: "app",
        from: 1,
        to: 2,
        term: 2,
        entries: [{ term: 2, index: 1, type: "normal", data: new Uint8Array() }],
      }),
    );
    n.ready();
    n.step(message({ type: "vote", from: 3, to: 2, term: 3, index: 5, logTerm: 1 }));
    expect(n.ready().messages.at(-1)).toMatchObject({ type: "voteResp", reject: true });
  });

  it("ignores a higher-term vote request while it hears from a live leader (check-quorum lease)", () => {
    const n = node(2, false);
    n.step(message({ type: "heartbeat", from: 1, to: 2, term: 1 }));
    n.ready();
    n.step(message({ type: "vote", from: 3, to: 2, term: 2, index: 9, logTerm: 1 }));
    expect(n.ready().messages).toEqual([]);
    expect(n.raft.term).toBe(1);
    for (let i = 0; i < 10; i++) n.tick();
    n.ready();
    n.step(message({ type: "vote", from: 3, to: 2, term: 2, index: 9, logTerm: 1 }));
    expect([n.raft.term, n.raft.vote]).toEqual([2, 3]);
  });

  it("tells a deposed leader about the newer term instead of obeying it", () => {
    const n = node(2, false);
    n.step(message({ type: "heartbeat", from: 1, to: 2, term: 5 }));
    n.ready();
    n.step(message({ type: "app", from: 3, to: 2, term: 4 }));
    expect(n.ready().messages).toMatchObject([{ type: "appResp", to: 3, term: 5 }]);
    expect(n.raft.lead).toBe(1);
  });

  it("refuses to step local-only message kinds from the network", () => {
    expect(() => node(1).step(message({ type: "hup" }))).toThrow(/local message/);
  });
});
