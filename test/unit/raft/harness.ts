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
