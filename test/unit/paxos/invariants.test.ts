import { describe, expect, it } from "vitest";
import { ballotOf, nextBallot } from "../../../shared/consensus/paxos/ballot";
import { Paxos } from "../../../shared/consensus/paxos/paxos";
import { PhaseOne } from "../../../shared/consensus/paxos/phase-one";
import { effectiveQuorums, quorumsError } from "../../../shared/consensus/paxos/quorums";
import { MemoryStorage } from "../../../shared/consensus/raft/storage";
import type { Entry } from "../../../shared/consensus/raft/types";
import { Rng } from "../../../shared/rng";
import { agree, awaitLeader, cluster } from "../raft/harness";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CONF = { voters: [1, 2, 3, 4, 5], learners: [] };

function value(slot: number, ballot: number, text: string): Entry {
  return { index: slot, term: ballot, type: "normal", data: encoder.encode(text) };
}

function texts(entries: readonly Entry[]): string[] {
  return entries.map((e) => decoder.decode(e.data));
}

describe("Paxos invariants (van Renesse & Altinbuken)", () => {
  it("a value chosen in a slot is never changed", () => {
    const c = cluster(5, { engine: { name: "paxos" }, seed: 3 });
    const chosen = new Map<number, string>();
    const record = () => {
      for (const r of c.replicas.values()) {
        const host = r.host;
        const status = r.status();
        if (!host || !status) continue;
        for (let slot = host.log.firstIndex(); slot <= status.commit; slot++) {
          const text = texts(host.log.entries(slot, slot + 1))[0] as string;
          const first = chosen.get(slot);
          if (first === undefined) chosen.set(slot, text);
          else expect(text, `slot ${slot} at replica ${r.id}`).toBe(first);
        }
      }
    };
    const rng = new Rng(3);
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 5; i++) agree(c, 3);
      record();
      // Depose the leader in a different way each round: crash, isolation, a pause.
      const leader = awaitLeader(c);
      const fault = rng.int(3);
      if (fault === 0) c.crash(leader);
      else if (fault === 1) c.isolate(leader);
      else c.pause(leader);
      awaitLeader(c);
      agree(c, 3);
      record();
      c.restart(leader);
      c.heal();
      c.resume(leader);
    }
    expect(chosen.size).toBeGreaterThan(60);
    expect(c.violations).toEqual([]);
  });

  it("a new leader adopts the highest-ballot accepted value of each slot", () => {
    const phase = new PhaseOne(0, CONF, undefined);
    phase.add(1, { chosen: 0, entries: [value(1, 5, "a@5"), value(2, 5, "b@5")] });
    phase.add(2, { chosen: 0, entries: [value(1, 9, "a@9")] });
    expect(phase.outcome()).toBeUndefined(); // two promises of five: no majority yet
    phase.add(3, { chosen: 0, entries: [value(1, 7, "a@7"), value(2, 7, "b@7")] });
    const adopted = phase.outcome();
    expect(adopted && texts(adopted.entries)).toEqual(["a@9", "b@7"]);
  });

  it("a value an acceptor knew chosen is adopted over any later ballot", () => {
    const phase = new PhaseOne(0, CONF, undefined);
    phase.add(1, { chosen: 1, entries: [value(1, 5, "chosen")] });
    phase.add(2, { chosen: 0, entries: [value(1, 3, "older")] });
    phase.add(3, { chosen: 0, entries: [] });
    const adopted = phase.outcome();
    expect(adopted && texts(adopted.entries)).toEqual(["chosen"]);
    expect(adopted?.chosen).toBe(1);
  });

  it("fills a hole no promise reports with a no-op", () => {
    const phase = new PhaseOne(0, CONF, undefined);
    phase.add(1, { chosen: 0, entries: [value(1, 4, "one"), value(3, 4, "three")] });
    phase.add(2, { chosen: 0, entries: [] });
    phase.add(3, { chosen: 0, entries: [] });
    const adopted = phase.outcome();
    expect(adopted && texts(adopted.entries)).toEqual(["one", "", "three"]);
    expect(adopted?.entries[1]?.data.byteLength).toBe(0);
  });

  it("needs an election quorum in every configuration the promises reveal", () => {
    const grow = { type: "addLearner", node: 6 };
    const promote: Entry = {
      index: 2,
      term: 4,
      type: "conf",
      data: encoder.encode(JSON.stringify({ type: "promote", node: 6 })),
    };
    const learner: Entry = {
      index: 1,
      term: 4,
      type: "conf",
      data: encoder.encode(JSON.stringify(grow)),
    };
    const phase = new PhaseOne(0, CONF, { phase1: 3, phase2: 3 });
    phase.add(1, { chosen: 0, entries: [learner, promote] });
    phase.add(2, { chosen: 0, entries: [] });
    phase.add(3, { chosen: 0, entries: [] });
    // Three of {1..5} promised, but {1..6} (six voters, phase 1 grows to 4) has only three.
    expect(phase.targets()).toContain(6);
    expect(phase.outcome()).toBeUndefined();
    phase.add(6, { chosen: 0, entries: [] });
    expect(phase.outcome()).toBeDefined();
  });

  it("a ballot never repeats: rounds grow per replica, replicas never share one", () => {
    const seen = new Set<number>();
    let highest = 0;
    for (let step = 0; step < 200; step++) {
      const replica = (step % 5) + 1;
      const ballot = nextBallot(highest, replica);
      expect(ballot).toBeGreaterThan(highest);
      expect(seen.has(ballot)).toBe(false);
      expect(ballotOf(ballot).replica).toBe(replica);
      seen.add(ballot);
      highest = step % 3 === 0 ? ballot : highest; // not every ballot is seen by every replica
    }
  });

  it("a ballot never repeats across a restart: the promise is durable", () => {
    const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    const options = { id: 1, storage, rng: new Rng(1), electionTick: 10, heartbeatTick: 1 };
    const first = new Paxos(options);
    first.campaign(false);
    storage.setHardState(first.hardState()); // what the host persists before sending
    const restarted = new Paxos({ ...options, rng: new Rng(2) });
    restarted.campaign(false);
    expect(restarted.ballot).toBeGreaterThan(first.ballot);
  });

  it("refuses quorums that do not intersect, and keeps them intersecting as membership changes", () => {
    expect(quorumsError({ phase1: 2, phase2: 3 }, 5)).toMatch(/must exceed/);
    expect(quorumsError({ phase1: 3, phase2: 2 }, 5)).toMatch(/must exceed/);
    expect(quorumsError({ phase1: 6, phase2: 1 }, 5)).toMatch(/cannot exceed/);
    expect(quorumsError({ phase1: 0, phase2: 5 }, 5)).toMatch(/at least 1/);
    expect(quorumsError({ phase1: 4, phase2: 2 }, 5)).toBeUndefined();
    expect(quorumsError({ phase1: 3, phase2: 3 }, 5)).toBeUndefined();
    for (let voters = 1; voters <= 9; voters++) {
      const q = effectiveQuorums({ phase1: 4, phase2: 2 }, voters);
      expect(q.phase1 + q.phase2).toBeGreaterThan(voters);
      expect(Math.max(q.phase1, q.phase2)).toBeLessThanOrEqual(voters);
    }
  });
});

describe("the configuration barrier after a takeover", () => {
  it("holds at the first adopted configuration entry that is not known chosen", () => {
    const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    const paxos = new Paxos({
      id: 1,
      storage,
      rng: new Rng(1),
      electionTick: 10,
      heartbeatTick: 1,
    });
    paxos.campaign(false);
    const conf = (index: number, node: number): Entry => ({
      index,
      term: 7,
      type: "conf",
      data: encoder.encode(JSON.stringify({ type: "addLearner", node })),
    });
    // Replica 2 knew slot 1 (a change) chosen; slot 2 (another change) was only accepted.
    paxos.step({
      type: "p1b",
      from: 2,
      to: 1,
      ballot: paxos.ballot,
      slot: 0,
      chosen: 1,
      entries: [conf(1, 4), conf(2, 5)],
      reject: false,
      context: "",
      force: false,
      sentAt: 0,
    });
    expect(paxos.role).toBe("leader");
    expect(paxos.log.committed).toBe(1);
    expect(paxos.conf.learners).toEqual([4]);
    const sent = paxos.msgs.filter((m) => m.type === "p2a").flatMap((m) => m.entries);
    expect(sent.length).toBeGreaterThan(0);
    // Nothing after the unchosen change at slot 2 leaves until it is chosen.
    expect(Math.max(...sent.map((e) => e.index))).toBe(2);
  });
});
