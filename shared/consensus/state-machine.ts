/**
 * The replicated-state-machine contract shared by every consensus engine (Raft now,
 * Multi-Paxos later) and every state machine on top (the KV, the file-system namespace).
 *
 * Invariant: `apply` is deterministic — the same sequence of commands applied to the same
 * starting state yields the same results and the same state on every replica. It must not
 * read the clock or draw random numbers; anything time-dependent (lease expiry) arrives as
 * data inside a command decided by the leader.
 */
export interface StateMachine<Command, Result> {
  /** Applies one committed command at log position `index` and returns its result. */
  apply(command: Command, index: number): Result;
  /** A self-contained encoding of the whole state, for snapshots and log compaction. */
  snapshot(): Uint8Array;
  /** Replaces the whole state with one produced by `snapshot()`. */
  restore(snapshot: Uint8Array): void;
}
