/**
 * The messages Multi-Paxos replicas exchange, named by the paper's phases. Entries are the
 * shared log entry shape: `index` is the slot and `term` the ballot the value was
 * accepted under.
 */
import type { Entry, NodeId, Snapshot } from "../raft/types";

/**
 * - `p1a` (prepare): a candidate asks for promises for `ballot`; `chosen` is the prefix
 *   of slots it already knows chosen, so acceptors send only what lies beyond.
 * - `p1b` (promise): an acceptor promises, or (`reject`) names the higher ballot it
 *   promised; a promise carries the acceptor's entries after the candidate's prefix (and
 *   its snapshot when those were compacted) and its own chosen prefix in `chosen`.
 * - `p2a` (accept): the leader asks to accept `entries` (from slot `slot`) under `ballot`
 *   and announces its chosen prefix in `chosen`; an empty one is a heartbeat.
 * - `p2b` (accepted): the acceptor holds the leader's values through slot `slot` and
 *   knows the slots through `chosen` chosen; a `reject` names a higher ballot
 *   (preempted) or, at the same ballot, a gap to fill.
 * - `snapshot`: the leader's snapshot for an acceptor whose missing slots were compacted.
 * - `handOver`: the leader asks a caught-up voter to take over now (leader transfer).
 * - `rest`: the leader of an idle group tells an acceptor holding every slot through
 *   `slot` that the group goes quiet.
 */
export type PaxosMessageType = "p1a" | "p1b" | "p2a" | "p2b" | "snapshot" | "handOver" | "rest";

export interface PaxosMessage {
  type: PaxosMessageType;
  from: NodeId;
  to: NodeId;
  ballot: number;
  slot: number;
  chosen: number;
  entries: Entry[];
  reject: boolean;
  /** A read round's id, echoed by the `p2b` that answers a heartbeat. */
  context: string;
  /** On `p1a`: a leader transfer, which acceptors grant even while they hear a leader. */
  force: boolean;
  /** On `p2a`, echoed by its `p2b`: the leader's tick count when it sent it (leases). */
  sentAt: number;
  snapshot?: Snapshot;
}

const PAXOS_TYPES: ReadonlySet<string> = new Set<PaxosMessageType>([
  "p1a",
  "p1b",
  "p2a",
  "p2b",
  "snapshot",
  "handOver",
  "rest",
]);

/** Whether `m` is a Paxos message (the host's transport carries both engines' kinds). */
export function isPaxosMessage(m: { type: string }): m is PaxosMessage {
  return PAXOS_TYPES.has(m.type);
}

/** Builds a message with neutral defaults for the fields a kind does not use. */
export function paxosMessage(
  fields: Partial<PaxosMessage> & Pick<PaxosMessage, "type" | "to" | "ballot">,
): PaxosMessage {
  return {
    from: 0,
    slot: 0,
    chosen: 0,
    entries: [],
    reject: false,
    context: "",
    force: false,
    sentAt: 0,
    ...fields,
  };
}
