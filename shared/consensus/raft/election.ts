import type { RaftState } from "./raft-state";
import { bcastAppend, handleAppend, handleHeartbeat, handleSnapshot } from "./replication";
import { type Message, message } from "./types";

/**
 * How an election starts: `pre` asks for pre-votes first (thesis §9.6) so a replica cut
 * off from the group cannot inflate terms; `transfer` skips that and overrides the
 * voters' leader lease, because the old leader asked for it (TimeoutNow).
 */
export type CampaignKind = "pre" | "normal" | "transfer";

export function campaign(r: RaftState, kind: CampaignKind): void {
  if (!r.promotable()) return;
  let voteType: "preVote" | "vote";
  let term: number;
  if (kind === "pre") {
    r.becomePreCandidate();
    voteType = "preVote";
    term = r.term + 1;
  } else {
    r.becomeCandidate();
    voteType = "vote";
    term = r.term;
  }
  r.tracker.recordVote(r.id, true);
  if (r.tracker.tallyVotes() === "won") {
    winElection(r, kind === "pre");
    return;
  }
  for (const id of r.tracker.voters) {
    if (id === r.id) continue;
    r.send(
      message({
        type: voteType,
        to: id,
        term,
        index: r.log.lastIndex(),
        logTerm: r.log.lastTerm(),
        context: kind === "transfer" ? "transfer" : "",
      }),
    );
  }
}

function winElection(r: RaftState, preVote: boolean): void {
  if (preVote) {
    campaign(r, "normal");
  } else {
    r.becomeLeader();
    bcastAppend(r);
  }
}

/**
 * Grants a (pre-)vote to a candidate whose log is at least as up to date as ours, at
 * most one real vote per term. Granted responses carry the candidate's term.
 */
export function handleVoteRequest(r: RaftState, m: Message): void {
  const respType = m.type === "vote" ? "voteResp" : "preVoteResp";
  const canVote =
    r.vote === m.from ||
    (r.vote === 0 && r.lead === 0) ||
    (m.type === "preVote" && m.term > r.term);
  if (canVote && r.log.isUpToDate(m.index, m.logTerm)) {
    r.send(message({ type: respType, to: m.from, term: m.term }));
    if (m.type === "vote") {
      r.electionElapsed = 0;
      r.vote = m.from;
    }
  } else {
    r.send(message({ type: respType, to: m.from, term: r.term, reject: true }));
  }
}

/** Candidate and pre-candidate: count votes, yield to a leader of the same term. */
export function stepCandidate(r: RaftState, m: Message): boolean {
  const myResp = r.role === "preCandidate" ? "preVoteResp" : "voteResp";
  switch (m.type) {
    case "prop":
    case "readIndex":
    case "transferLeader":
      return r.refuse("no_leader", "an election is under way");
    case "app":
      r.becomeFollower(m.term, m.from);
      handleAppend(r, m);
      return true;
    case "heartbeat":
      r.becomeFollower(m.term, m.from);
      handleHeartbeat(r, m);
      return true;
    case "snap":
      r.becomeFollower(m.term, m.from);
      handleSnapshot(r, m);
      return true;
  }
  if (m.type !== myResp) return true;
  r.tracker.recordVote(m.from, !m.reject);
  const result = r.tracker.tallyVotes();
  if (result === "won") winElection(r, r.role === "preCandidate");
  else if (result === "lost") r.becomeFollower(r.term, 0);
  return true;
}
