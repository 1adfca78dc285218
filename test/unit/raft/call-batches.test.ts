import { describe, expect, it } from "vitest";
import { CallBatches } from "../../../shared/consensus/call-batches";

const bytes = (n: number) => new Uint8Array([n]);

describe("CallBatches", () => {
  it("asks for one flush per batch of proposals and hands them over in arrival order", () => {
    const calls = new CallBatches();
    expect(calls.addProposal("a", bytes(1))).toBe(true);
    expect(calls.addProposal("b", bytes(2))).toBe(false);
    expect(calls.takeProposals().map((p) => p.id)).toEqual(["a", "b"]);
    expect(calls.takeProposals()).toEqual([]);
    expect(calls.addProposal("c", bytes(3))).toBe(true);
  });

  it("answers a round's reads together, only once its confirmed index is applied", () => {
    const calls = new CallBatches();
    expect(calls.addRead("r1")).toBe(true);
    expect(calls.addRead("r2")).toBe(false);
    calls.awaitIndex("round-1", calls.takeReads());
    calls.addRead("r3");
    calls.awaitIndex("round-2", calls.takeReads());
    calls.confirm([
      { context: "round-1", index: 7 },
      { context: "unknown-round", index: 1 },
    ]);
    expect(calls.servable(6)).toEqual([]);
    expect(calls.servable(7)).toEqual([
      { waiter: "r1", index: 7 },
      { waiter: "r2", index: 7 },
    ]);
    expect(calls.servable(100)).toEqual([]);
    calls.confirm([{ context: "round-2", index: 9 }]);
    expect(calls.servable(9)).toEqual([{ waiter: "r3", index: 9 }]);
  });

  it("forgets every read, queued or in flight, when leadership is lost", () => {
    const calls = new CallBatches();
    calls.addRead("in-flight");
    calls.awaitIndex("round", calls.takeReads());
    calls.confirm([{ context: "round", index: 3 }]);
    calls.addRead("queued");
    expect(calls.forgetReads().sort()).toEqual(["in-flight", "queued"]);
    expect(calls.servable(10)).toEqual([]);
    expect(calls.takeReads()).toEqual([]);
    calls.confirm([{ context: "round", index: 3 }]);
    expect(calls.servable(10)).toEqual([]);
  });
});
