/**
 * The leader's administrative calls — a membership change, adding a member (as a
 * learner, promoted once it has caught up: thesis §4.2.1), and a leadership transfer —
 * each started in the core and resolved by a watch once it took effect, or when its time
 * runs out. The host has already checked that it leads.
 */
import { type CallOutcome, refusalOutcome, unavailable, unknown } from "../call-outcome";
import type { ConfChange } from "../raft/conf-change";
import type { ConfState, NodeId } from "../raft/types";
import type { ConsensusNode } from "./consensus-node";
import type { HostTuning } from "./tuning";
import type { Done } from "./waiters";
import type { Watches } from "./watches";

export class LeaderAdmin {
  constructor(
    private readonly node: ConsensusNode,
    private readonly watches: Watches,
    private readonly tuning: Pick<HostTuning, "callTimeoutMs" | "catchUpTimeoutMs">,
    private readonly pump: () => void,
  ) {}

  /** Proposes one membership change; settles with the membership once it is applied. */
  change(change: ConfChange, done: Done<ConfState>): void {
    const refusal = this.node.proposeConfChange(change);
    if (refusal) {
      done(refusalOutcome(refusal));
      return;
    }
    const target = this.node.status().lastIndex;
    this.watches.add(
      () => this.node.status().applied >= target,
      this.tuning.callTimeoutMs,
      () => done({ ok: true, value: this.node.status().conf }),
      () => done(unknown("membership change not applied within the timeout")),
    );
    this.pump();
  }

  /**
   * Adds `id` as a learner, waits until it holds the whole log, then promotes it. A
   * learner that does not catch up in time stays a learner, and the caller is told so.
   */
  addMember(id: NodeId, done: Done<ConfState>): void {
    this.change({ type: "addLearner", node: id }, (added) => {
      if (!added.ok) {
        done(added);
        return;
      }
      this.watches.add(
        () => this.caughtUp(id),
        this.tuning.catchUpTimeoutMs,
        () => this.promote(id, done),
        () =>
          done(
            unavailable(
              `replica ${id} joined as a learner but did not catch up; it stays a learner`,
            ),
          ),
      );
    });
  }

  /** Hands leadership to `to`; settles once it leads. */
  transfer(to: NodeId, done: Done<{ leader: NodeId }>): void {
    const refusal = this.node.transferLeader(to);
    if (refusal) {
      done(refusalOutcome(refusal));
      return;
    }
    this.watches.add(
      () => this.node.status().lead === to,
      this.tuning.callTimeoutMs,
      () => done({ ok: true, value: { leader: to } }),
      () => done(unavailable(`replica ${to} did not take over`)),
    );
    this.pump();
  }

  private promote(id: NodeId, done: Done<ConfState>): void {
    if (this.node.softState().role !== "leader") {
      done(leadershipMoved(this.node));
      return;
    }
    this.change({ type: "promote", node: id }, done);
  }

  /** Whether learner `id` holds every entry the leader has (or leadership moved on). */
  private caughtUp(id: NodeId): boolean {
    const status = this.node.status();
    if (status.role !== "leader") return true;
    return status.progress.get(id)?.match === status.lastIndex;
  }
}

/** A redirect for a call whose leader stepped down midway. */
function leadershipMoved(node: ConsensusNode): CallOutcome<never> {
  const status = node.status();
  return { ok: false, reason: "not_leader", leader: status.lead, voters: status.conf.voters };
}
