/** A replica's report of itself and of the members as it sees them. */
import { type GroupConfig, replicaLocation } from "../../shared/consensus/group-config";
import type { ConfState, Raft } from "../../shared/consensus/raft";
import type { ReplicaStatus } from "./replica-contract";

/**
 * The status of replica `id`. Match indexes (and so lag) of other members are known only
 * on the leader; elsewhere they are null.
 */
export function describeReplica(
  raft: Raft,
  config: GroupConfig,
  id: number,
  conf: ConfState,
  stats: ReplicaStatus["stats"],
): ReplicaStatus {
  const last = raft.log.lastIndex();
  const members = [...conf.voters, ...conf.learners].map((member) => {
    const progress = raft.role === "leader" ? raft.tracker.progress.get(member) : undefined;
    const match = member === id ? last : (progress?.match ?? null);
    return {
      id: member,
      voter: conf.voters.includes(member),
      match,
      lag: match === null ? null : last - match,
      location: replicaLocation(config, member) ?? null,
    };
  });
  return {
    group: config.name,
    id,
    role: raft.role,
    leader: raft.lead,
    term: raft.term,
    commit: raft.log.committed,
    applied: raft.log.applied,
    quiesced: raft.quiesced,
    conf,
    locations: config.locations,
    members,
    stats,
  };
}
