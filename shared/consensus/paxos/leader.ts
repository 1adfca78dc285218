/**
 * The distinguished proposer: takes office with the log phase 1 adopted, then runs
 * phase 2 for batches of slots — pipelined, at most `maxInflight` batches unanswered per
 * acceptor — and learns a slot chosen once a commit quorum holds it under its ballot.
 * It also confirms its leadership for reads, hands over to another replica, and lets
 * an idle group go quiet.
 *
 * Membership changes ride in the log with an activation window of one slot: a
 * configuration entry governs the slots after it, and the leader sends nothing beyond a
 * configuration entry until that entry is chosen, so no slot is ever chosen under a
 * configuration that is not yet settled (Lamport's α = 1, with the window closed by a
 * barrier rather than by a bound on proposals).
 */
import {
  applyConfChange,
  type ConfChange,
  confChangeError,
  decodeConfChange,
} from "../raft/conf-change";
import { type ConfState, type Entry, NONE, type NodeId } from "../raft/types";
import { BALLOT_STRIDE } from "./ballot";
import { type PaxosMessage, paxosMessage } from "./messages";
import { LEASE_SAFETY_TICKS } from "./options";
import type { PaxosState } from "./paxos-state";
import type { Adopted } from "./phase-one";

/** Takes office under the ballot whose phase 1 adopted `adopted`. */
export function becomeLeader(
  s: PaxosState,
  adopted: Adopted,
  promisedChosen: ReadonlyMap<NodeId, number>,
): void {
  s.phaseOne = undefined;
  s.role = "leader";
  s.lead = s.id;
  s.quiesced = false;
  s.heartbeatElapsed = 0;
  s.idleTicks = 0;
  s.quorumElapsed = 0;
  s.leadTransferee = NONE;
  s.reads = [];
  s.leaderContact = true;
  s.leaderTicks = 0;
  s.leaseAcks.clear();
  if (adopted.snapshot && adopted.snapshot.meta.index > s.log.committed) {
    s.log.restore(adopted.snapshot);
    s.conf = adopted.snapshot.meta.conf;
  }
  // Re-propose every adopted value under this ballot, then open the ballot with a no-op:
  // once it is chosen, so is everything before it, and reads may be served.
  // (The adopted slots run on from the chosen prefix: phase 1 started there.)
  const entries: Entry[] = adopted.entries
    .filter((e) => e.index > s.log.committed)
    .map((e) => ({ ...e, term: s.ballot }));
  const noOp: Entry = {
    index: s.log.committed + entries.length + 1,
    term: s.ballot,
    type: "normal",
    data: new Uint8Array(),
  };
  s.log.append([...entries, noOp]);
  s.firstSlotOfBallot = noOp.index;
  s.commitTo(Math.min(adopted.chosen, s.log.lastIndex()));
  // The barrier: the first configuration entry not known chosen (at most one exists).
  s.pendingConf = entries.find((e) => e.type === "conf" && e.index > s.log.committed)?.index ?? 0;
  s.progress.clear();
  syncProgress(s);
  // A promise's chosen prefix holds chosen values, which are this leader's values too.
  for (const [id, chosen] of promisedChosen) {
    const pr = s.progress.get(id);
    if (!pr) continue;
    pr.match = Math.min(chosen, s.log.lastIndex());
    pr.next = pr.match + 1;
    pr.chosen = chosen;
  }
  for (const id of s.progress.keys()) sendAccept(s, id, "", true);
  maybeCommit(s);
}

/** Appends commands (and at most one configuration change) under this ballot and sends them. */
export function proposeEntries(s: PaxosState, entries: readonly Entry[]): boolean {
  if (s.role !== "leader") return s.refuse("no_leader", "not the leader");
  if (s.leadTransferee !== NONE) {
    return s.refuse("transferring", `leadership is moving to replica ${s.leadTransferee}`);
  }
  if (entries.length === 0) return s.refuse("empty", "nothing to propose");
  for (const entry of entries) {
    if (entry.type !== "conf") continue;
    if (!confAllowed(s, decodeConfChange(entry.data))) return false;
  }
  s.quiesced = false;
  s.idleTicks = 0;
  const last = s.log.lastIndex();
  const stamped = entries.map((e, i) => ({ ...e, index: last + 1 + i, term: s.ballot }));
  s.log.append(stamped);
  const conf = stamped.find((e) => e.type === "conf");
  if (conf) s.pendingConf = conf.index;
  for (const id of s.progress.keys()) sendAccept(s, id);
  maybeCommit(s);
  return true;
}

/** Whether a membership change may be proposed now; if not, the refusal says why. */
function confAllowed(s: PaxosState, cc: ConfChange): boolean {
  if (s.pendingConf !== 0) {
    return s.refuse("change_pending", `the change at slot ${s.pendingConf} is not chosen yet`);
  }
  const error = confChangeError(s.conf, cc);
  if (error) return s.refuse("invalid_change", error);
  if (cc.node >= BALLOT_STRIDE) {
    return s.refuse("invalid_change", `replica ids must be below ${BALLOT_STRIDE}`);
  }
  if (cc.type === "remove" && cc.node === s.id) {
    return s.refuse("invalid_change", "the leader cannot remove itself; transfer leadership first");
  }
  if (cc.type === "promote" && (s.progress.get(cc.node)?.match ?? 0) < s.log.lastIndex()) {
    return s.refuse("learner_behind", `replica ${cc.node} has not caught up yet`);
  }
  return true;
}

/**
 * Sends `to` the slots it lacks (a snapshot when they were compacted), as far as the
 * configuration barrier and the pipeline allow; with `always`, an empty accept
 * (a heartbeat carrying the chosen prefix and `context`) when there is nothing to send.
 */
export function sendAccept(s: PaxosState, to: NodeId, context = "", always = false): void {
  const pr = s.progress.get(to);
  if (!pr) return;
  if (pr.next < s.log.firstIndex()) {
    const snapshot = s.log.snapshot();
    s.send(paxosMessage({ type: "snapshot", to, ballot: s.ballot, snapshot }));
    pr.next = snapshot.meta.index + 1;
    pr.inflight = s.opts.maxInflight;
    // Not resent for an election timeout: installing a large one takes a while.
    pr.snapshotUntil = s.leaderTicks + s.opts.electionTick;
    return;
  }
  const limit = s.pendingConf || s.log.lastIndex();
  const room = pr.inflight < s.opts.maxInflight ? limit - pr.next + 1 : 0;
  const entries =
    room > 0 ? (s.log.entriesFrom(pr.next, Math.min(room, s.opts.maxEntriesPerMsg)) ?? []) : [];
  if (entries.length === 0 && !always) return;
  s.send(
    paxosMessage({
      type: "p2a",
      to,
      ballot: s.ballot,
      slot: pr.next,
      entries,
      chosen: s.log.committed,
      context,
      sentAt: s.leaderTicks,
    }),
  );
  if (entries.length > 0) {
    pr.next += entries.length;
    pr.inflight++;
  }
}

/** Phase 2b at the leader: progress, choice, read confirmations, the next batch. */
export function handleAccepted(s: PaxosState, m: PaxosMessage): void {
  if (m.ballot > s.ballot) {
    if (m.reject) s.preempted(m.ballot);
    return;
  }
  const pr = s.progress.get(m.from);
  if (s.role !== "leader" || m.ballot !== s.ballot || !pr) return;
  pr.active = true;
  pr.inflight = Math.max(0, pr.inflight - 1);
  pr.chosen = Math.max(pr.chosen, m.chosen);
  const held = Math.min(m.slot, s.log.lastIndex());
  if (held >= pr.next - 1) pr.snapshotUntil = 0; // it holds all it was sent
  if (m.reject) {
    // A gap: the acceptor holds this ballot's values only through `held` (after a
    // restart it can vouch for no more than its chosen prefix), so resend from there.
    pr.match = held;
    pr.next = held + 1;
    pr.inflight = 0;
  } else {
    pr.match = Math.max(pr.match, held);
    pr.next = Math.max(pr.next, pr.match + 1);
  }
  if (!m.reject) s.leaseAcks.set(m.from, Math.max(s.leaseAcks.get(m.from) ?? 0, m.sentAt));
  if (m.context) ackRead(s, m.from, m.context);
  maybeCommit(s);
  if (s.leadTransferee === m.from && pr.match === s.log.lastIndex()) {
    s.send(paxosMessage({ type: "handOver", to: m.from, ballot: s.ballot }));
  }
  sendAccept(s, m.from);
}

/**
 * Learns the highest slot a commit quorum holds under this ballot (never past the
 * configuration barrier); a newly chosen configuration entry lifts the barrier, so
 * the next batch goes out at once.
 */
export function maybeCommit(s: PaxosState): void {
  for (;;) {
    const limit = s.pendingConf || s.log.lastIndex();
    const held = s.conf.voters
      .map((id) => (id === s.id ? s.log.lastIndex() : (s.progress.get(id)?.match ?? 0)))
      .sort((a, b) => b - a);
    const quorum = s.quorums().phase2;
    const chosen = Math.min(held[quorum - 1] ?? 0, limit);
    if (chosen <= s.log.committed) return;
    const barrier = s.pendingConf;
    const wasVoter = s.isVoter();
    s.commitTo(chosen);
    if (s.log.committed >= s.firstSlotOfBallot) startReads(s);
    if (wasVoter && !s.isVoter()) {
      s.becomeFollower(NONE);
      return;
    }
    if (barrier === 0 || s.pendingConf !== 0) return;
    syncProgress(s);
    for (const id of s.progress.keys()) sendAccept(s, id);
  }
}

/** Keeps one progress record per member other than this replica. */
function syncProgress(s: PaxosState): void {
  const members = new Set([...s.conf.voters, ...s.conf.learners]);
  members.delete(s.id);
  for (const id of s.progress.keys()) if (!members.has(id)) s.progress.delete(id);
  for (const id of members) {
    if (!s.progress.has(id)) {
      s.progress.set(id, {
        match: 0,
        next: s.log.lastIndex(),
        inflight: 0,
        active: true,
        chosen: 0,
        snapshotUntil: 0,
      });
    }
  }
}

/** Starts a read round: confirmed by a commit quorum of heartbeats sent after it arrived. */
export function readIndex(s: PaxosState, context: string): boolean {
  if (s.role !== "leader") return s.refuse("no_leader", "not the leader");
  s.quiesced = false;
  s.idleTicks = 0;
  if (leaseHolds(s)) {
    s.readStates.push({ index: s.log.committed, context });
    return true;
  }
  s.reads.push({ context, index: null, acks: new Set([s.id]) });
  if (s.log.committed >= s.firstSlotOfBallot) startReads(s);
  return true;
}

/**
 * Whether the opt-in lease lets this leader answer a read at once: it chose a slot in
 * its ballot, no transfer or membership change is under way, and a commit quorum
 * acknowledged a message it sent recently enough that none of them can have promised
 * another proposer since (see `PaxosOptions.readOnly`).
 */
function leaseHolds(s: PaxosState): boolean {
  if (s.opts.readOnly !== "lease" || s.log.committed < s.firstSlotOfBallot) return false;
  if (s.leadTransferee !== NONE || s.pendingConf !== 0) return false;
  const sent = s.conf.voters
    .map((id) => (id === s.id ? s.leaderTicks : (s.leaseAcks.get(id) ?? -Infinity)))
    .sort((a, b) => b - a);
  const quorumSentAt = sent[s.quorums().phase2 - 1] ?? -Infinity;
  return s.leaderTicks < quorumSentAt + s.opts.electionTick - LEASE_SAFETY_TICKS;
}

/** Gives every waiting read its index and sends the heartbeats that confirm it. */
function startReads(s: PaxosState): void {
  for (const round of s.reads) {
    if (round.index !== null) continue;
    round.index = s.log.committed;
    for (const id of s.progress.keys()) sendAccept(s, id, round.context, true);
  }
  serveReads(s);
}

function ackRead(s: PaxosState, from: NodeId, context: string): void {
  const round = s.reads.find((r) => r.context === context);
  if (!round || round.index === null) return;
  round.acks.add(from);
  serveReads(s);
}

/**
 * Serves the reads a commit quorum confirmed: any election quorum of a higher ballot
 * meets it, so no other leader could have chosen anything before the heartbeats were
 * answered. During a membership change the quorum must hold in both configurations.
 */
function serveReads(s: PaxosState): void {
  const confs: ConfState[] = [s.conf];
  if (s.pendingConf !== 0) {
    const entry = s.log.entriesFrom(s.pendingConf, 1)?.[0];
    if (entry) confs.push(applyConfChange(s.conf, decodeConfChange(entry.data)));
  }
  s.reads = s.reads.filter((round) => {
    if (round.index === null) return true;
    const confirmed = confs.every(
      (conf) => conf.voters.filter((id) => round.acks.has(id)).length >= s.quorums(conf).phase2,
    );
    if (confirmed) s.readStates.push({ index: round.index, context: round.context });
    return !confirmed;
  });
}

/** Hands leadership to voter `to` once it holds every slot. */
export function transferLeader(s: PaxosState, to: NodeId): boolean {
  if (s.role !== "leader") return s.refuse("no_leader", "not the leader");
  if (to === s.id) return true;
  if (!s.conf.voters.includes(to)) return s.refuse("not_voter", `replica ${to} is not a voter`);
  s.quiesced = false;
  s.leadTransferee = to;
  s.transferElapsed = 0;
  if (s.progress.get(to)?.match === s.log.lastIndex()) {
    s.send(paxosMessage({ type: "handOver", to, ballot: s.ballot }));
  } else {
    sendAccept(s, to);
  }
  return true;
}

/** A leader's tick: heartbeats, the quorum check, an abandoned transfer, quiescence. */
export function tickLeader(s: PaxosState): void {
  if (s.quiesced) return;
  s.heartbeatElapsed++;
  s.idleTicks++;
  s.quorumElapsed++;
  s.leaderTicks++;
  if (s.leadTransferee !== NONE && ++s.transferElapsed >= s.opts.electionTick) {
    s.leadTransferee = NONE;
  }
  if (s.quorumElapsed >= s.opts.electionTick) {
    s.quorumElapsed = 0;
    if (s.opts.checkQuorum && !heardFromQuorum(s)) {
      s.becomeFollower(NONE);
      return;
    }
  }
  maybeQuiesce(s);
  if (s.quiesced || s.heartbeatElapsed < s.opts.heartbeatTick) return;
  s.heartbeatElapsed = 0;
  for (const [id, pr] of s.progress) {
    // Batches unanswered for a heartbeat interval are presumed lost: resend from the match.
    if (pr.match < s.log.lastIndex() && s.leaderTicks >= pr.snapshotUntil) {
      pr.inflight = 0;
      pr.next = pr.match + 1;
    }
    sendAccept(s, id, "", true);
  }
}

/** Whether a commit quorum answered since the last check (this replica counts). */
function heardFromQuorum(s: PaxosState): boolean {
  let heard = s.isVoter() ? 1 : 0;
  for (const [id, pr] of s.progress) {
    if (pr.active && s.conf.voters.includes(id)) heard++;
    pr.active = false;
  }
  return heard >= s.quorums().phase2;
}

/** An idle leader whose every acceptor holds the whole, chosen log tells them to rest. */
function maybeQuiesce(s: PaxosState): void {
  const after = s.opts.quiesceAfterTicks;
  if (after <= 0 || s.idleTicks < after) return;
  const last = s.log.lastIndex();
  if (s.log.committed !== last || s.reads.length > 0 || s.leadTransferee !== NONE) return;
  for (const pr of s.progress.values()) if (pr.match !== last) return;
  for (const id of s.progress.keys()) {
    s.send(paxosMessage({ type: "rest", to: id, ballot: s.ballot, slot: last, chosen: last }));
  }
  s.quiesced = true;
  // No ticks run while quiet, so the lease clock stops: a lease must be won afresh.
  s.leaseAcks.clear();
}
