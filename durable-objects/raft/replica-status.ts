/** A replica's report of itself and of the members as it sees them. */

import { outcomeToRpc } from "../../shared/consensus/call-outcome";
import { type GroupConfig, replicaLocation } from "../../shared/consensus/group-config";
import type { HostStatus } from "../../shared/consensus/host/host-status";
import { type RpcResult, rpcOk } from "../../shared/rpc-result";
import type { ReplicaStatus } from "./replica-contract";

/**
 * The answer to a status call; with `leaderOnly`, a redirect unless this replica leads.
 * With no leader known it answers its own view: an observer must not wake a quiet group.
 */
export function statusAnswer(
  status: HostStatus,
  config: GroupConfig,
  stats: ReplicaStatus["stats"],
  leaderOnly: boolean,
): RpcResult<ReplicaStatus> {
  if (leaderOnly && status.role !== "leader" && status.lead !== 0) {
    return outcomeToRpc({
      ok: false,
      reason: "not_leader",
      leader: status.lead,
      voters: status.conf.voters,
    });
  }
  return rpcOk(describeReplica(status, config, stats));
}

/**
 * The status report of a replica from its core's status. Match indexes (and so lag) of
 * other members are known only on the leader; elsewhere they are null.
 */
export function describeReplica(
  status: HostStatus,
  config: GroupConfig,
  stats: ReplicaStatus["stats"],
): ReplicaStatus {
  const { conf, lastIndex } = status;
  const members = [...conf.voters, ...conf.learners].map((member) => {
    const match = member === status.id ? lastIndex : (status.progress.get(member)?.match ?? null);
    return {
      id: member,
      voter: conf.voters.includes(member),
      match,
      lag: match === null ? null : lastIndex - match,
      committed: status.progress.get(member)?.committed ?? null,
      location: replicaLocation(config, member) ?? null,
      lastContact: member === status.id ? null : (status.lastContact.get(member) ?? null),
    };
  });
  return {
    group: config.name,
    engine: status.engine,
    id: status.id,
    role: status.role,
    leader: status.lead,
    lastLeader: status.lastLeader,
    state: status.state,
    term: status.term,
    ballot: status.ballot ?? null,
    quorums: status.quorums ?? null,
    commit: status.commit,
    applied: status.applied,
    quiesced: status.quiesced,
    conf,
    locations: config.locations,
    members,
    stats,
  };
}
