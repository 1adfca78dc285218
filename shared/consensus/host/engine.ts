/**
 * Which consensus engine a host runs, and how its core is built from the host's tuning:
 * Raft (etcd's design) or Multi-Paxos with optional flexible quorums. Both cores read the
 * same durable log and drain the same Ready, so nothing else in the host differs.
 */
import type { Rng } from "../../rng";
import type { GroupConfig } from "../group-config";
import type { PaxosOptions } from "../paxos/options";
import { Paxos } from "../paxos/paxos";
import { PaxosNode } from "../paxos/paxos-node";
import type { Quorums } from "../paxos/quorums";
import type { RaftOptions } from "../raft/options";
import { Raft } from "../raft/raft";
import { RawNode } from "../raft/raw-node";
import type { Storage } from "../raft/storage";
import type { NodeId } from "../raft/types";
import type { ConsensusNode } from "./consensus-node";
import type { HostTuning } from "./tuning";

export type EngineChoice = { name: "raft" } | { name: "paxos"; quorums?: Quorums };

/** The engine a replica of `config` runs. */
export function engineOf(config: GroupConfig): EngineChoice {
  if (config.engine !== "paxos") return { name: "raft" };
  return config.quorums ? { name: "paxos", quorums: config.quorums } : { name: "paxos" };
}

/** Builders of each core; tests substitute deliberately broken subclasses. */
export interface CoreMakers {
  makeRaft?: (options: RaftOptions) => Raft;
  makePaxos?: (options: PaxosOptions) => Paxos;
}

export interface CoreInputs {
  id: NodeId;
  storage: Storage;
  rng: Rng;
  /** The slot or index the restored state machine reflects. */
  applied: number;
  tuning: HostTuning;
}

/** The core of `engine`, wrapped for the host. */
export function buildNode(
  engine: EngineChoice,
  inputs: CoreInputs,
  makers: CoreMakers,
): ConsensusNode {
  const { id, storage, rng, applied, tuning } = inputs;
  const common = {
    id,
    storage,
    rng,
    applied,
    electionTick: tuning.electionTicks,
    heartbeatTick: tuning.heartbeatTicks,
    quiesceAfterTicks: tuning.quiesceAfterTicks,
    maxInflight: tuning.maxInflight,
    maxEntriesPerMsg: tuning.maxEntriesPerMsg,
    checkQuorum: tuning.checkQuorum,
    readOnly: tuning.readOnly,
  };
  if (engine.name === "paxos") {
    const make = makers.makePaxos ?? ((o: PaxosOptions) => new Paxos(o));
    return new PaxosNode(
      make({ ...common, ...(engine.quorums ? { quorums: engine.quorums } : {}) }),
    );
  }
  const make = makers.makeRaft ?? ((o: RaftOptions) => new Raft(o));
  return new RawNode(make({ ...common, preVote: tuning.preVote }));
}
