import type { CallOutcome } from "../../../shared/consensus/call-outcome";
import type { NodeId } from "../../../shared/consensus/raft/types";
import { type ClusterOptions, RaftCluster } from "../../../shared/sim/cluster";

/** Test scaffolding over the simulator: agreement helpers in the spirit of the Raft labs. */

export function cluster(nodes: number, options: Partial<ClusterOptions> = {}): RaftCluster {
  return new RaftCluster({ seed: 1, nodes, ...options });
}

/** Waits for a leader; fails the test if none appears within `maxMs`. */
export function awaitLeader(c: RaftCluster, maxMs = 3_000): NodeId {
  if (!c.runUntil(() => c.leader() !== undefined, maxMs)) throw new Error("no leader elected");
  return c.leader() as NodeId;
}

/** How many running replicas have committed entry `index` of term `term`. */
export function committedCount(c: RaftCluster, index: number, term: number): number {
  let n = 0;
  for (const r of c.replicas.values()) {
    const status = r.status();
    if (status && status.commit >= index && r.host?.log.term(index) === term) n++;
  }
  return n;
}

let seq = 0;

/**
 * Proposes a write through whichever replica leads, retrying on other leaders, until
 * `expected` replicas have committed it; returns its index. Throws after `maxMs`.
 */
export function agree(c: RaftCluster, expected: number, maxMs = 5_000): number {
  const deadline = c.now + maxMs;
  while (c.now < deadline) {
    const leader = c.leader();
    if (leader !== undefined) {
      const replica = c.replica(leader);
      const s = seq++;
      replica.submit({ client: 999, seq: s, f: "write", key: "x", value: s }, () => {});
      const status = replica.status();
      if (status && status.role === "leader") {
        const index = status.lastIndex;
        const term = status.term;
        if (replica.host?.log.term(index) === term) {
          const ok = c.runUntil(() => committedCount(c, index, term) >= expected, 1_000);
          if (ok) return index;
          continue;
        }
      }
    }
    c.runFor(50);
  }
  throw new Error(`no agreement on ${expected} replicas within ${maxMs} ms`);
}

/** Messages put on the network while `action` runs. */
export function countMessages(c: RaftCluster, action: () => void): number {
  const before = c.network.sent;
  action();
  return c.network.sent - before;
}

/** What an acknowledged write of the register store answers. */
export const WRITTEN = { ok: true, value: { ok: true, duplicate: false } };

/** Writes `value` to register `r` at replica `at`; the outcome lands in the array. */
export function write(c: RaftCluster, at: NodeId, seq: number, value: number) {
  const out: CallOutcome<unknown>[] = [];
  c.replica(at).submit({ client: 3, seq, f: "write", key: "r", value }, (o) => out.push(o));
  return out;
}

/** Reads register `r` at replica `at`; the outcome lands in the array. */
export function read(c: RaftCluster, at: NodeId) {
  const out: CallOutcome<unknown>[] = [];
  c.replica(at).read("r", (o) => out.push(o));
  return out;
}

/**
 * Cuts the leader of `c` off, lets another take over and write, then reads at the old
 * one: what that read answered within two seconds.
 */
export function readAtCutOffLeader(c: RaftCluster): CallOutcome<unknown>[] {
  const old = awaitLeader(c);
  const w1 = write(c, old, 1, 1);
  c.runUntil(() => w1.length > 0, 1_000);
  c.isolate(old);
  c.runUntil(() => c.leaders().some((l) => l.id !== old), 3_000);
  const fresh = c.leaders().find((l) => l.id !== old)?.id as number;
  const w2 = write(c, fresh, 2, 2);
  c.runUntil(() => w2.length > 0, 1_000);
  if (w2[0]?.ok !== true) throw new Error(`the new leader did not write: ${JSON.stringify(w2)}`);
  const stale = read(c, old);
  c.runFor(2_000);
  return stale;
}

/** Messages one read at a freshly elected replica 1 costs (ticks by hand, 1 ms links). */
export function messagesPerRead(options: Partial<ClusterOptions>): number {
  const c = cluster(3, { ...options, autoTick: false, latencyMs: [1, 1] });
  c.replica(1).host?.campaign();
  c.runFor(50);
  let r: CallOutcome<unknown>[] = [];
  const n = countMessages(c, () => {
    r = read(c, 1);
    c.runFor(50);
  });
  if (r[0]?.ok !== true) throw new Error(`the read failed: ${JSON.stringify(r)}`);
  return n;
}
