/**
 * The contract between a replica and its callers (the gateway, tests): the address a
 * client call carries and the status report. Every RPC answers an `RpcResult`
 * (`shared/rpc-result.ts`); a replica that does not lead answers a problem carrying a
 * `leaderHint`.
 */
import type { GroupConfig } from "../../shared/consensus/group-config";
import type { ReplicaState } from "../../shared/consensus/host/host-status";
import type { ConfState } from "../../shared/consensus/raft";
import { type RpcFailure, rpcFail } from "../../shared/rpc-result";

/** Who is calling and, for the implicit default group, how to create it. */
export interface ReplicaAddress {
  id: number;
  /** The group's configuration when this call may create the replica; null otherwise. */
  bootstrap: GroupConfig | null;
}

/** What `status` reports. */
export interface ReplicaStatus {
  group: string;
  engine: "raft" | "paxos";
  id: number;
  role: string;
  /** The leader now, or 0 while none is known. */
  leader: number;
  /** The leader now, or else the one last followed (0: none yet). */
  lastLeader: number;
  state: ReplicaState;
  /** Raft's term, or the number of the Paxos ballot promised. */
  term: number;
  /** Paxos: the ballot promised, as (round, replica). */
  ballot: { round: number; replica: number } | null;
  /** Paxos: the election and commit quorums in force. */
  quorums: { phase1: number; phase2: number } | null;
  commit: number;
  applied: number;
  quiesced: boolean;
  conf: ConfState;
  locations: string[];
  /** Per member as this replica sees it (match index known only on the leader). */
  members: {
    id: number;
    voter: boolean;
    /** Highest log index (Paxos: slot accepted from this leader) the member holds. */
    match: number | null;
    lag: number | null;
    /** Paxos: the member's chosen prefix, as it last told the leader (null for Raft). */
    committed: number | null;
    location: string | null;
    /** When this replica last heard from the member (ms since the epoch); null for itself or none yet. */
    lastContact: number | null;
  }[];
  /** Counters since this object started: calls served and RPCs sent to peers. */
  stats: {
    clientCalls: number;
    peerCallsIn: number;
    peerCallsOut: number;
    alarms: number;
    proposals: number;
  };
}

/** The answer of a replica that belongs to no group. */
export function noGroup(): RpcFailure {
  return rpcFail("not-found", "no such group");
}
