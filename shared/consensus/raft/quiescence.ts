import type { RaftState } from "./raft-state";
import { type Message, message } from "./types";

/**
 * Quiescence: a leader idle for `quiesceAfterTicks` ticks whose every replica holds the
 * whole, fully committed log tells them so and stops heartbeating; they stop their
 * election timers. A proposal, read, vote request or append wakes a replica (responses
 * and the leader's own heartbeats do not; see `Raft.wakesUp`); a woken follower's timer
 * runs again, so one asked to serve that cannot reach the leader campaigns.
 */
export function maybeQuiesce(r: RaftState): void {
  const after = r.opts.quiesceAfterTicks;
  if (after <= 0 || r.idleTicks < after) return;
  const last = r.log.lastIndex();
  if (r.log.committed !== last || r.readOnly.size() > 0 || r.pendingReadIndex.length > 0) return;
  if (r.leadTransferee !== 0) return;
  for (const [id, pr] of r.tracker.progress) {
    if (id !== r.id && pr.match !== last) return;
  }
  const logTerm = r.log.lastTerm();
  for (const id of r.tracker.progress.keys()) {
    if (id === r.id) continue;
    r.send(message({ type: "quiesce", to: id, index: last, logTerm, commit: r.log.committed }));
  }
  r.quiesced = true;
}

/** Follower side: go quiet only when our log is exactly the leader's. */
export function handleQuiesce(r: RaftState, m: Message): void {
  if (r.log.lastIndex() !== m.index || !r.log.matchTerm(m.index, m.logTerm)) return;
  r.lead = m.from;
  r.log.commitTo(m.commit);
  r.quiesced = true;
  r.electionElapsed = 0;
}
