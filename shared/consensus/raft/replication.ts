import type { Progress } from "./progress";
import type { RaftState } from "./raft-state";
import { type Message, message, type NodeId } from "./types";

/**
 * Log replication (§5.3) with etcd-style flow control: sends to a follower according to
 * its progress state, and the follower-side handlers of AppendEntries, heartbeats and
 * InstallSnapshot.
 */

/**
 * Sends `to` the entries it is missing, or the snapshot when they were compacted away.
 * With `sendIfEmpty` an empty append still goes out, which makes a follower that lost
 * appends report its gap. Returns whether a message was sent.
 */
export function sendAppend(r: RaftState, to: NodeId, sendIfEmpty = true): boolean {
  const pr = r.tracker.progress.get(to);
  if (!pr || pr.isPaused()) return false;
  const prevIndex = pr.next - 1;
  const prevTerm = r.log.term(prevIndex);
  const entries =
    prevTerm === undefined ? undefined : r.log.entriesFrom(pr.next, r.opts.maxEntriesPerMsg);
  if (prevTerm === undefined || entries === undefined) {
    sendSnapshot(r, to, pr);
    return true;
  }
  if (entries.length === 0 && !sendIfEmpty) return false;
  r.send(
    message({
      type: "app",
      to,
      index: prevIndex,
      logTerm: prevTerm,
      entries,
      commit: r.log.committed,
    }),
  );
  const last = entries[entries.length - 1];
  if (last) pr.sentEntries(last.index);
  else if (pr.state === "probe") pr.probeSent = true;
  return true;
}

function sendSnapshot(r: RaftState, to: NodeId, pr: Progress): void {
  const snapshot = r.log.snapshot();
  r.send(message({ type: "snap", to, snapshot }));
  pr.becomeSnapshot(snapshot.meta.index);
}

export function bcastAppend(r: RaftState): void {
  for (const id of r.tracker.progress.keys()) if (id !== r.id) sendAppend(r, id);
}

/** Heartbeats carry a commit index the follower is known to hold, and a read context. */
export function bcastHeartbeat(r: RaftState, context = r.readOnly.lastContext() ?? ""): void {
  for (const [id, pr] of r.tracker.progress) {
    if (id === r.id) continue;
    const commit = Math.min(pr.match, r.log.committed);
    r.send(message({ type: "heartbeat", to: id, commit, context }));
  }
}

export function handleAppend(r: RaftState, m: Message): void {
  if (m.index < r.log.committed) {
    reply(r, m, { index: r.log.committed });
    return;
  }
  const lastNew = r.log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
  if (lastNew !== undefined) {
    reply(r, m, { index: lastNew });
    return;
  }
  const hint = r.log.findConflictByTerm(Math.min(m.index, r.log.lastIndex()), m.logTerm);
  reply(r, m, { index: m.index, reject: true, rejectHint: hint, logTerm: r.log.term(hint) ?? 0 });
}

export function handleHeartbeat(r: RaftState, m: Message): void {
  r.log.commitTo(Math.min(m.commit, r.log.lastIndex()));
  r.send(message({ type: "heartbeatResp", to: m.from, context: m.context }));
}

export function handleSnapshot(r: RaftState, m: Message): void {
  const snap = m.snapshot;
  if (!snap) return;
  if (snap.meta.index <= r.log.committed) {
    reply(r, m, { index: r.log.committed });
  } else if (r.log.matchTerm(snap.meta.index, snap.meta.term)) {
    r.log.commitTo(snap.meta.index);
    reply(r, m, { index: r.log.committed });
  } else {
    r.log.restore(snap);
    r.tracker.setConf(snap.meta.conf, r.log.lastIndex() + 1);
    reply(r, m, { index: r.log.lastIndex() });
  }
}

function reply(r: RaftState, m: Message, fields: Partial<Message>): void {
  r.send(message({ type: "appResp", to: m.from, ...fields }));
}

/** Leader: a follower acknowledged or rejected an append (or snapshot). */
export function handleAppendResponse(r: RaftState, m: Message, pr: Progress): void {
  pr.recentActive = true;
  if (m.reject) {
    // Skip every entry of a term the follower cannot have (fast backtracking).
    const hint = m.logTerm > 0 ? r.log.findConflictByTerm(m.rejectHint, m.logTerm) : m.rejectHint;
    if (pr.maybeDecrTo(m.index, hint)) {
      if (pr.state === "replicate") pr.becomeProbe();
      sendAppend(r, m.from);
    }
    return;
  }
  if (!pr.maybeUpdate(m.index)) return;
  if (pr.state === "probe") {
    pr.becomeReplicate();
  } else if (pr.state === "snapshot") {
    if (pr.match >= pr.pendingSnapshot) {
      pr.becomeProbe();
      pr.becomeReplicate();
    }
  } else {
    pr.freeTo(m.index);
  }
  if (r.maybeCommit()) releasePendingReads(r);
  while (sendAppend(r, m.from, false)) {
    // Keep the pipe full until the follower has everything or its window is used up.
  }
  if (m.from === r.leadTransferee && pr.match === r.log.lastIndex()) {
    r.send(message({ type: "timeoutNow", to: m.from }));
  }
}

/** Leader: a heartbeat echo proves liveness, restarts stalled pipes and confirms reads. */
export function handleHeartbeatResponse(r: RaftState, m: Message, pr: Progress): void {
  pr.recentActive = true;
  pr.probeSent = false;
  if (pr.state === "replicate" && pr.inflightFull()) pr.freeFirst();
  if (pr.match < r.log.lastIndex()) sendAppend(r, m.from);
  if (r.opts.readOnly !== "safe" || m.context === "") return;
  const acks = r.readOnly.ack(m.from, m.context);
  if (!acks || !r.tracker.hasQuorum(acks)) return;
  for (const read of r.readOnly.confirm(m.context))
    respondRead(r, read.from, read.index, read.context);
}

/** Hands a confirmed read index to the local host or to the follower that asked. */
function respondRead(r: RaftState, from: NodeId, index: number, context: string): void {
  if (from === 0 || from === r.id) r.readStates.push({ index, context });
  else r.send(message({ type: "readIndexResp", to: from, index, context }));
}

/** Reads held back until this leader committed an entry of its own term. */
function releasePendingReads(r: RaftState): void {
  if (r.pendingReadIndex.length === 0 || !r.committedSinceLeading()) return;
  const held = r.pendingReadIndex;
  r.pendingReadIndex = [];
  for (const m of held) confirmLeadershipFor(r, m);
}

/**
 * Starts confirming a read at the current commit index: at once under a lease, else
 * with a heartbeat round that must reach a quorum.
 */
export function confirmLeadershipFor(r: RaftState, m: Message): void {
  if (r.opts.readOnly === "lease" || r.tracker.voters.size === 1) {
    respondRead(r, m.from, r.log.committed, m.context);
    return;
  }
  r.readOnly.add(r.log.committed, m.from === 0 ? r.id : m.from, m.context);
  r.readOnly.ack(r.id, m.context);
  bcastHeartbeat(r, m.context);
}
