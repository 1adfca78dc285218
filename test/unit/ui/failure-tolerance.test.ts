import { describe, expect, it } from "vitest";
import { describeTolerance, failureTolerance } from "../../../workers/ui/failure-tolerance";

describe("failure tolerance of a group", () => {
  it("is the minority a majority quorum leaves: 3 voters lose 1, 5 lose 2, 4 lose 1", () => {
    expect(failureTolerance(1, null)).toBe(0);
    expect(failureTolerance(3, null)).toBe(1);
    expect(failureTolerance(4, null)).toBe(1);
    expect(failureTolerance(5, null)).toBe(2);
  });

  it("with flexible quorums is bounded by the larger of the two", () => {
    expect(failureTolerance(5, { phase1: 4, phase2: 2 })).toBe(1);
    expect(failureTolerance(5, { phase1: 2, phase2: 4 })).toBe(1);
    expect(failureTolerance(5, { phase1: 3, phase2: 3 })).toBe(2);
  });

  it("never goes below zero, even when quorums exceed the voters left", () => {
    expect(failureTolerance(2, { phase1: 3, phase2: 3 })).toBe(0);
  });

  it("reads as a sentence with the right number", () => {
    expect(describeTolerance(0)).toBe("cannot lose a replica");
    expect(describeTolerance(1)).toBe("can lose 1 replica");
    expect(describeTolerance(2)).toBe("can lose 2 replicas");
  });
});
