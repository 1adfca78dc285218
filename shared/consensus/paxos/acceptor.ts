/**
 * The acceptor's side of Multi-Paxos: promises (phase 1b), acceptances (phase 2b), and
 * learning which slots are chosen. An acceptor never forgets a value it accepted unless
 * a value accepted under a higher ballot replaces it in the same slot, or the slot is
 * chosen — so an overwrite keeps every later slot it held.
 */
import type { Entry } from "../raft/types";
import { type PaxosMessage, paxosMessage } from "./messages";
import type { PaxosState } from "./paxos-state";

/**
 * Phase 1b. A promise is refused to a lower ballot (the refusal names ours, so the
 * candidate backs off), and withheld while this acceptor hears a live leader unless the
 * leader itself hands over — a replica cut off for a while must not depose a healthy
 * leader the moment it returns.
 */
export function handlePrepare(s: PaxosState, m: PaxosMessage): void {
  if (m.ballot < s.promised) {
    s.send(paxosMessage({ type: "p1b", to: m.from, ballot: s.promised, reject: true }));
    return;
  }
  if (m.ballot > s.promised && !m.force) {
    const inLease =
      s.role === "leader" ||
      (s.lead !== 0 && s.leaderContact && s.electionElapsed < s.opts.electionTick);
    if (inLease) return;
  }
  s.promised = m.ballot;
  if (s.role !== "follower") s.becomeFollower(0);
  else if (s.lead !== m.from) s.lead = 0;
  s.electionElapsed = 0;
  const reply = paxosMessage({
    type: "p1b",
    to: m.from,
    ballot: m.ballot,
    chosen: s.log.committed,
  });
  if (m.chosen + 1 < s.log.firstIndex()) {
    // The slots the candidate lacks were compacted: the snapshot stands in for them.
    const snapshot = s.log.snapshot();
    reply.snapshot = snapshot;
    reply.entries = s.entriesAfter(snapshot.meta.index);
  } else {
    reply.entries = s.entriesAfter(m.chosen);
  }
  s.send(reply);
}

/** Phase 2a → 2b: accepts a run of slots from the leader of `m.ballot`, and learns. */
export function handleAccept(s: PaxosState, m: PaxosMessage): void {
  if (m.ballot < s.promised) {
    s.send(paxosMessage({ type: "p2b", to: m.from, ballot: s.promised, reject: true }));
    return;
  }
  s.follow(m.from, m.ballot);
  const fresh = m.entries.filter((e) => e.index > s.log.committed);
  const first = fresh[0];
  if (first) {
    if (first.index > s.matched + 1) {
      // A gap (an earlier batch was lost or overtaken): say where to resume.
      answerAccept(s, m, true);
      return;
    }
    accept(s, fresh);
    s.matched = Math.max(s.matched, (fresh[fresh.length - 1] as Entry).index);
  }
  s.commitTo(Math.min(m.chosen, s.matched));
  answerAccept(s, m, false);
}

/** The p2b for `m`: through which slot this acceptor holds the leader's values. */
function answerAccept(s: PaxosState, m: PaxosMessage, gap: boolean): void {
  s.send(
    paxosMessage({
      type: "p2b",
      to: m.from,
      ballot: m.ballot,
      slot: s.matched,
      chosen: s.log.committed,
      reject: gap,
      context: m.context,
      sentAt: gap ? 0 : m.sentAt,
    }),
  );
}

/** Installs the leader's snapshot, keeping any accepted values beyond it. */
export function handleSnapshot(s: PaxosState, m: PaxosMessage): void {
  if (m.ballot < s.promised || !m.snapshot) {
    s.send(paxosMessage({ type: "p2b", to: m.from, ballot: s.promised, reject: true }));
    return;
  }
  s.follow(m.from, m.ballot);
  const snapshot = m.snapshot;
  if (snapshot.meta.index > s.log.committed) {
    const kept = s.entriesAfter(snapshot.meta.index);
    s.log.restore(snapshot);
    s.conf = snapshot.meta.conf;
    if (kept.length > 0) s.log.append(kept);
    s.matched = snapshot.meta.index;
  }
  s.send(paxosMessage({ type: "p2b", to: m.from, ballot: m.ballot, slot: s.matched }));
}

/** The leader goes quiet: so does this acceptor, if it holds exactly the leader's slots. */
export function handleRest(s: PaxosState, m: PaxosMessage): void {
  if (m.ballot < s.promised) return;
  s.follow(m.from, m.ballot);
  if (s.matched !== m.slot || s.log.lastIndex() !== m.slot) return;
  s.commitTo(Math.min(m.chosen, s.matched));
  s.quiesced = true;
  s.electionElapsed = 0;
}

/**
 * Writes `entries` (a contiguous run starting at most one past what this acceptor holds
 * from the leader), skipping a prefix it already holds under the same ballot — one
 * ballot has one proposer, which puts one value in each slot — and keeping the slots it
 * holds after the run.
 */
function accept(s: PaxosState, entries: readonly Entry[]): void {
  let from = 0;
  while (from < entries.length) {
    const entry = entries[from] as Entry;
    if (s.log.term(entry.index) !== entry.term) break;
    from++;
  }
  if (from === entries.length) return;
  const end = (entries[entries.length - 1] as Entry).index;
  s.log.append([...entries.slice(from), ...s.entriesAfter(end)]);
}
