/**
 * The leader's administrative calls — a membership change and a leadership transfer —
 * each checked, started in the core and awaited until it took effect or the call's time
 * ran out. The replica has already checked that it leads.
 */
import type { ConfChange, ConfState } from "../../shared/consensus/raft";
import { confChangeError } from "../../shared/consensus/raft/conf-change";
import { waitUntil } from "./pending";
import { CALL_TIMEOUT_MS, type CallOutcome, unknown } from "./replica-contract";
import type { ReplicaDriver } from "./replica-driver";

/** Proposes one membership change and answers with the membership once it is applied. */
export async function changeMembership(
  driver: ReplicaDriver,
  change: ConfChange,
): Promise<CallOutcome<ConfState>> {
  const node = driver.node;
  const invalid = confChangeError(driver.conf, change);
  if (invalid) return { ok: false, reason: "invalid", detail: invalid };
  if (change.type === "remove" && change.node === driver.id) {
    return {
      ok: false,
      reason: "invalid",
      detail: "the leader cannot remove itself; transfer leadership first",
    };
  }
  if (!node.proposeConfChange(change)) {
    return {
      ok: false,
      reason: "unavailable",
      detail: "another membership change is still in progress",
    };
  }
  const target = node.raft.log.lastIndex();
  driver.pump();
  if (!(await waitUntil(() => node.raft.log.applied >= target, CALL_TIMEOUT_MS))) {
    return unknown("membership change not applied within the timeout");
  }
  return { ok: true, value: driver.conf };
}

/** Hands leadership to replica `to` and answers once it leads. */
export async function transferLeadership(
  driver: ReplicaDriver,
  to: number,
): Promise<CallOutcome<{ leader: number }>> {
  const node = driver.node;
  node.transferLeader(to);
  driver.pump();
  if (!(await waitUntil(() => node.raft.lead === to, CALL_TIMEOUT_MS))) {
    return { ok: false, reason: "unavailable", detail: `replica ${to} did not take over` };
  }
  return { ok: true, value: { leader: to } };
}
