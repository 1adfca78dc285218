import type { Rng } from "../rng";
import type { Storage } from "./raft/storage";
import type { NodeId } from "./raft/types";

/** What every consensus core is built from (Raft's and Multi-Paxos's options extend it). */
export interface CoreOptions {
  id: NodeId;
  storage: Storage;
  /** Randomness for election timeouts (and back-off); the core draws from nothing else. */
  rng: Rng;
  /** Base election timeout in ticks; each timeout is drawn from [electionTick, 2·electionTick). */
  electionTick: number;
  /** Ticks between leader heartbeats; must be below electionTick. */
  heartbeatTick: number;
  /** Last applied index the host's state machine already reflects (restart). */
  applied?: number;
  checkQuorum?: boolean;
  /** Entries per append (accept) message. */
  maxEntriesPerMsg?: number;
  /** Unacknowledged appends (accept batches) per follower. */
  maxInflight?: number;
  /** Committed entries handed out per Ready. */
  maxApplyPerReady?: number;
  /** Leader ticks without requests (every replica caught up) before the group goes quiet; 0: never. */
  quiesceAfterTicks?: number;
}
