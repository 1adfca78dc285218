import { campaign } from "./election";
import { handleQuiesce } from "./quiescence";
import type { RaftState } from "./raft-state";
import { handleAppend, handleHeartbeat, handleSnapshot } from "./replication";
import { type Message, message, NONE } from "./types";

/** Follower: accept the leader's log, forward client requests to it, obey TimeoutNow. */
export function stepFollower(r: RaftState, m: Message): boolean {
  switch (m.type) {
    case "prop":
    case "readIndex":
    case "transferLeader":
      if (r.lead === NONE) return r.refuse("no_leader", "no leader is known (election under way)");
      r.send(message({ ...m, to: r.lead }));
      return true;
    case "app":
      heardFromLeader(r, m);
      handleAppend(r, m);
      return true;
    case "heartbeat":
      heardFromLeader(r, m);
      handleHeartbeat(r, m);
      return true;
    case "snap":
      heardFromLeader(r, m);
      handleSnapshot(r, m);
      return true;
    case "timeoutNow":
      campaign(r, "transfer");
      return true;
    case "readIndexResp":
      r.readStates.push({ index: m.index, context: m.context });
      return true;
    case "quiesce":
      handleQuiesce(r, m);
      return true;
    default:
      return true;
  }
}

function heardFromLeader(r: RaftState, m: Message): void {
  r.electionElapsed = 0;
  r.leaderContact = true;
  r.lead = m.from;
}
