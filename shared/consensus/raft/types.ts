/**
 * Plain data shared by every part of the Raft core: log entries, persistent state,
 * snapshots, messages and the Ready batch a host drains after each input.
 * Everything here is structured-clone friendly so a Durable Object shell can store it
 * in SQLite (entries and snapshots as blobs) and send it over RPC unchanged.
 */

/** A replica's identity. Ids start at 1; `NONE` (0) means "nobody". */
export type NodeId = number;
export const NONE: NodeId = 0;

/** `normal` entries carry application commands; `conf` entries carry an encoded `ConfChange`. */
export type EntryType = "normal" | "conf";

export interface Entry {
  term: number;
  index: number;
  type: EntryType;
  data: Uint8Array;
}

/** What must be on stable storage before any message of the same Ready is sent. */
export interface HardState {
  term: number;
  /** The candidate voted for in `term`, or `NONE`. */
  vote: NodeId;
  commit: number;
}

/** Group membership: voters count towards quorums, learners only receive the log. */
export interface ConfState {
  voters: NodeId[];
  learners: NodeId[];
}

export interface SnapshotMeta {
  /** Last log position the snapshot covers, and that position's term. */
  index: number;
  term: number;
  /** Membership as of `index`. */
  conf: ConfState;
}

export interface Snapshot {
  meta: SnapshotMeta;
  /** The state machine's own encoding (`StateMachine.snapshot()`). */
  data: Uint8Array;
}

/** Role of a replica; `preCandidate` is the pre-vote phase that does not bump the term. */
export type RaftRole = "follower" | "preCandidate" | "candidate" | "leader";

/**
 * Message kinds. `hup`, `beat` and `checkQuorum` are local (term 0, never sent);
 * the rest travel between replicas.
 */
export type MessageType =
  | "hup"
  | "beat"
  | "checkQuorum"
  | "prop"
  | "app"
  | "appResp"
  | "preVote"
  | "preVoteResp"
  | "vote"
  | "voteResp"
  | "snap"
  | "heartbeat"
  | "heartbeatResp"
  | "readIndex"
  | "readIndexResp"
  | "transferLeader"
  | "timeoutNow"
  | "quiesce";

/**
 * One message. Field meaning depends on `type`, as in the paper's RPCs:
 * `index`/`logTerm` are the previous log position (app), the last log position (votes),
 * the acknowledged or rejected index (appResp) or the read index (readIndexResp);
 * `rejectHint` plus `logTerm` on a rejected appResp let the leader skip a whole term.
 */
export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  term: number;
  logTerm: number;
  index: number;
  commit: number;
  reject: boolean;
  rejectHint: number;
  entries: Entry[];
  snapshot?: Snapshot;
  /** Read-index request id, echoed by heartbeats; `"transfer"` on a forced vote. */
  context: string;
}

/** Builds a message with neutral defaults for the fields a kind does not use. */
export function message(fields: Partial<Message> & Pick<Message, "type">): Message {
  return {
    from: NONE,
    to: NONE,
    term: 0,
    logTerm: 0,
    index: 0,
    commit: 0,
    reject: false,
    rejectHint: 0,
    entries: [],
    context: "",
    ...fields,
  };
}

/** A confirmed read: every entry up to `index` must be applied before serving `context`. */
export interface ReadState {
  index: number;
  context: string;
}

/** Volatile state worth reporting (for metrics and routing), not persisted. */
export interface SoftState {
  lead: NodeId;
  role: RaftRole;
}

/**
 * Everything the host must do after an input, in this order: persist `snapshot`,
 * `entries` and `hardState`; then send `messages`; then apply `committedEntries` and
 * serve `readStates`; then call `advance()`. `M` is the engine's message kind (the
 * Multi-Paxos core drains the same shape).
 */
export interface Ready<M = Message> {
  softState?: SoftState;
  hardState?: HardState;
  entries: Entry[];
  snapshot?: Snapshot;
  committedEntries: Entry[];
  messages: M[];
  readStates: ReadState[];
}
