import { describe, expect, it } from "vitest";
import { awaitLeader, cluster } from "../raft/harness";

describe.each([
  { name: "raft" },
  { name: "paxos" },
] as const)("a replica's last contact with its peers ($name)", (engine) => {
  it("is when a message from each peer last arrived, and stops for a peer that crashed", () => {
    const c = cluster(3, { engine });
    const leader = awaitLeader(c);
    const [down, up] = c.ids.filter((id) => id !== leader);
    if (down === undefined || up === undefined) throw new Error("three replicas expected");
    c.runFor(500);
    const seen = c.replica(leader).status()?.lastContact;
    expect(seen?.get(up)).toBeGreaterThan(c.now - 500);
    expect(seen?.get(down)).toBeGreaterThan(c.now - 500);
    expect(seen?.has(leader)).toBe(false);

    c.crash(down);
    const crashedAt = c.now;
    c.runFor(3_000);
    const later = c.replica(leader).status()?.lastContact;
    expect(later?.get(down)).toBeLessThanOrEqual(crashedAt);
    expect(later?.get(up)).toBeGreaterThan(c.now - 500);
  });
});
