/**
 * A replica's view of itself and its group, read-only (etcd's `RawNode.Status()`): what a
 * host, a status report or a test may know about the core without reaching into it.
 */
import type { RaftState } from "./raft-state";
import type { ConfState, NodeId, RaftRole } from "./types";

/** Replication progress of one member, as the leader tracks it. */
export interface MemberProgress {
  /** Highest log index known to be on the member. */
  match: number;
  /** Next index the leader will send it. */
  next: number;
  /** Paxos: the member's chosen prefix as it last reported it. */
  committed?: number;
}

export interface RaftStatus {
  id: NodeId;
  role: RaftRole;
  /** The leader this replica follows (itself when leading), or 0 when none is known. */
  lead: NodeId;
  term: number;
  commit: number;
  applied: number;
  lastIndex: number;
  quiesced: boolean;
  /** Target of a leader transfer in progress, or 0. */
  leadTransferee: NodeId;
  /** Membership as the core applies it. */
  conf: ConfState;
  /** Per member, on the leader only (empty elsewhere). */
  progress: ReadonlyMap<NodeId, MemberProgress>;
}

/** A snapshot of `r`'s status; later steps do not change it. */
export function statusOf(r: RaftState): RaftStatus {
  const progress = new Map<NodeId, MemberProgress>();
  if (r.role === "leader") {
    for (const [id, pr] of r.tracker.progress) progress.set(id, { match: pr.match, next: pr.next });
  }
  return {
    id: r.id,
    role: r.role,
    lead: r.lead,
    term: r.term,
    commit: r.log.committed,
    applied: r.log.applied,
    lastIndex: r.log.lastIndex(),
    quiesced: r.quiesced,
    leadTransferee: r.leadTransferee,
    conf: r.tracker.confState(),
    progress,
  };
}
