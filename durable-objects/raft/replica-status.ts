/** A replica's report of itself and of the members as it sees them. */
import { type GroupConfig, replicaLocation } from "../../shared/consensus/group-config";
import type { CoreStatus } from "../../shared/consensus/host/consensus-node";
import type { ReplicaStatus } from "./replica-contract";

/**
 * The status report of a replica from its core's status. Match indexes (and so lag) of
 * other members are known only on the leader; elsewhere they are null.
 */
export function describeReplica(
  status: CoreStatus,
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
      location: replicaLocation(config, member) ?? null,
    };
  });
  return {
    group: config.name,
    engine: status.engine,
    id: status.id,
    role: status.role,
    leader: status.lead,
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
