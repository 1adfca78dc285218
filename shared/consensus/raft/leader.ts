import { confChangeError, decodeConfChange } from "./conf-change";
import type { Raft } from "./raft";
import {
  bcastAppend,
  bcastHeartbeat,
  confirmLeadershipFor,
  handleAppendResponse,
  handleHeartbeatResponse,
  sendAppend,
} from "./replication";
import { type Message, message, NONE } from "./types";

/** Leader: accept proposals and reads, drive heartbeats, check quorum, hand over. */
export function stepLeader(r: Raft, m: Message): boolean {
  switch (m.type) {
    case "beat":
      bcastHeartbeat(r);
      return true;
    case "checkQuorum":
      checkQuorum(r);
      return true;
    case "prop":
      return propose(r, m);
    case "readIndex":
      r.idleTicks = 0;
      if (r.committedEntryInCurrentTerm()) confirmLeadershipFor(r, m);
      else r.pendingReadIndex.push(m);
      return true;
    case "transferLeader":
      return transferLeader(r, m.from);
  }
  const pr = r.tracker.progress.get(m.from);
  if (!pr) return true;
  if (m.type === "appResp") handleAppendResponse(r, m, pr);
  else if (m.type === "heartbeatResp") handleHeartbeatResponse(r, m, pr);
  return true;
}

/** Steps down unless a quorum was heard from during the last election timeout (§6.2). */
function checkQuorum(r: Raft): void {
  if (!r.tracker.quorumActive(r.id)) {
    r.becomeFollower(r.term, NONE);
    return;
  }
  r.leaderContact = true;
  for (const [id, pr] of r.tracker.progress) pr.recentActive = id === r.id;
}

function propose(r: Raft, m: Message): boolean {
  if (m.entries.length === 0 || !r.tracker.isVoter(r.id) || r.leadTransferee !== NONE) {
    return false;
  }
  for (let i = 0; i < m.entries.length; i++) {
    const e = m.entries[i];
    if (e?.type !== "conf") continue;
    if (confChangeRefusal(r, e.data) !== undefined) return false;
    r.pendingConfIndex = r.log.lastIndex() + i + 1;
  }
  r.idleTicks = 0;
  r.appendEntries(m.entries);
  bcastAppend(r);
  return true;
}

/**
 * Why a membership change is refused now: another is still unapplied, it does not fit
 * the current membership, it would promote a learner that has not caught up, or it would
 * remove this leader (transfer leadership first).
 */
function confChangeRefusal(r: Raft, data: Uint8Array): string | undefined {
  if (r.pendingConfIndex > r.log.applied) return "a membership change is still pending";
  const cc = decodeConfChange(data);
  const invalid = confChangeError(r.tracker.confState(), cc);
  if (invalid !== undefined) return invalid;
  if (cc.type === "remove" && cc.node === r.id) return "the leader cannot remove itself";
  if (cc.type === "promote") {
    const match = r.tracker.progress.get(cc.node)?.match ?? 0;
    if (match < r.log.committed) return `learner ${cc.node} has not caught up`;
  }
  return undefined;
}

/** Leader transfer (thesis §3.10): bring the target up to date, then send TimeoutNow. */
function transferLeader(r: Raft, to: number): boolean {
  if (!r.tracker.isVoter(to)) return false;
  if (r.leadTransferee === to || to === r.id) return true;
  r.idleTicks = 0;
  r.electionElapsed = 0;
  r.leadTransferee = to;
  const pr = r.tracker.progress.get(to);
  if (pr?.match === r.log.lastIndex()) r.send(message({ type: "timeoutNow", to }));
  else sendAppend(r, to);
  return true;
}
