import { confChangeError, decodeConfChange } from "./conf-change";
import type { RaftState } from "./raft-state";
import type { Refusal } from "./refusal";
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
export function stepLeader(r: RaftState, m: Message): boolean {
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
      if (r.committedSinceLeading()) confirmLeadershipFor(r, m);
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
function checkQuorum(r: RaftState): void {
  if (!r.tracker.quorumActive(r.id)) {
    r.becomeFollower(r.term, NONE);
    return;
  }
  r.leaderContact = true;
  for (const [id, pr] of r.tracker.progress) pr.recentActive = id === r.id;
}

function propose(r: RaftState, m: Message): boolean {
  if (m.entries.length === 0) return r.refuse("empty", "nothing to propose");
  if (!r.tracker.isVoter(r.id)) return r.refuse("not_member", "this leader is not a voter");
  if (r.leadTransferee !== NONE) {
    return r.refuse("transferring", `leadership is moving to replica ${r.leadTransferee}`);
  }
  for (let i = 0; i < m.entries.length; i++) {
    const e = m.entries[i];
    if (e?.type !== "conf") continue;
    const refusal = confChangeRefusal(r, e.data);
    if (refusal) return r.refuse(refusal.reason, refusal.detail);
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
function confChangeRefusal(r: RaftState, data: Uint8Array): Refusal | undefined {
  if (r.pendingConfIndex > r.log.applied) {
    return { reason: "change_pending", detail: "another membership change is still in progress" };
  }
  const cc = decodeConfChange(data);
  const invalid = confChangeError(r.tracker.confState(), cc);
  if (invalid !== undefined) return { reason: "invalid_change", detail: invalid };
  if (cc.type === "remove" && cc.node === r.id) {
    return {
      reason: "invalid_change",
      detail: "the leader cannot remove itself; transfer leadership first",
    };
  }
  if (cc.type === "promote") {
    const match = r.tracker.progress.get(cc.node)?.match ?? 0;
    if (match < r.log.committed) {
      return { reason: "learner_behind", detail: `learner ${cc.node} has not caught up` };
    }
  }
  return undefined;
}

/** Leader transfer (thesis §3.10): bring the target up to date, then send TimeoutNow. */
function transferLeader(r: RaftState, to: number): boolean {
  if (!r.tracker.isVoter(to)) return r.refuse("not_voter", `replica ${to} is not a voter`);
  if (r.leadTransferee === to || to === r.id) return true;
  r.idleTicks = 0;
  r.electionElapsed = 0;
  r.leadTransferee = to;
  const pr = r.tracker.progress.get(to);
  if (pr?.match === r.log.lastIndex()) r.send(message({ type: "timeoutNow", to }));
  else sendAppend(r, to);
  return true;
}
