import { Progress } from "./progress";
import type { ConfState, NodeId } from "./types";

export type VoteResult = "won" | "lost" | "pending";

/**
 * Membership plus the leader's per-replica progress and the votes of the current
 * election. Invariant: `progress` has exactly one entry per voter and learner, and the
 * voter and learner sets are disjoint.
 */
export class ProgressTracker {
  voters = new Set<NodeId>();
  learners = new Set<NodeId>();
  progress = new Map<NodeId, Progress>();
  private votes = new Map<NodeId, boolean>();
  private readonly maxInflight: number;

  constructor(maxInflight: number) {
    this.maxInflight = maxInflight;
  }

  /** Replaces membership; keeps progress of replicas that stay, seeds new ones at `next`. */
  setConf(conf: ConfState, next: number): void {
    this.voters = new Set(conf.voters);
    this.learners = new Set(conf.learners);
    const old = this.progress;
    this.progress = new Map();
    for (const id of [...conf.voters, ...conf.learners]) {
      const isLearner = this.learners.has(id);
      const prev = old.get(id);
      if (prev && prev.isLearner === isLearner) {
        this.progress.set(id, prev);
        continue;
      }
      const pr = new Progress(next, this.maxInflight, isLearner);
      if (prev) {
        pr.match = prev.match;
        pr.next = prev.next;
        pr.recentActive = prev.recentActive;
      }
      pr.recentActive ||= !prev;
      this.progress.set(id, pr);
    }
  }

  /** Forgets all replication progress (new term); every replica restarts at `next`. */
  resetProgress(next: number): void {
    for (const [id, pr] of this.progress) {
      this.progress.set(id, new Progress(next, this.maxInflight, pr.isLearner));
    }
  }

  confState(): ConfState {
    return { voters: [...this.voters].sort(byId), learners: [...this.learners].sort(byId) };
  }

  isVoter(id: NodeId): boolean {
    return this.voters.has(id);
  }

  quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  /** The highest index replicated on a quorum of voters. */
  committed(): number {
    const matches: number[] = [];
    for (const id of this.voters) matches.push(this.progress.get(id)?.match ?? 0);
    if (matches.length === 0) return 0;
    matches.sort((a, b) => b - a);
    return matches[this.quorum() - 1] as number;
  }

  /** Whether a quorum of voters has been heard from since the flags were last cleared. */
  quorumActive(self: NodeId): boolean {
    let active = 0;
    for (const id of this.voters) {
      if (id === self || this.progress.get(id)?.recentActive) active++;
    }
    return active >= this.quorum();
  }

  resetVotes(): void {
    this.votes.clear();
  }

  recordVote(id: NodeId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  tallyVotes(): VoteResult {
    let granted = 0;
    let rejected = 0;
    for (const id of this.voters) {
      const v = this.votes.get(id);
      if (v === true) granted++;
      else if (v === false) rejected++;
    }
    const q = this.quorum();
    if (granted >= q) return "won";
    if (rejected > this.voters.size - q) return "lost";
    return "pending";
  }

  /** Whether the acknowledgers in `acks` (plus nobody else) form a quorum of voters. */
  hasQuorum(acks: ReadonlySet<NodeId>): boolean {
    let n = 0;
    for (const id of this.voters) if (acks.has(id)) n++;
    return n >= this.quorum();
  }
}

function byId(a: NodeId, b: NodeId): number {
  return a - b;
}
