/**
 * Why the core refused a client request — a proposal, a membership change, a read or a
 * leader transfer — so that a host and the API can say so instead of guessing.
 */

/** The reasons a request is dropped at this replica. */
export type RefusalReason =
  /** No leader is known here (an election is under way or the group is quiet). */
  | "no_leader"
  /** A leader transfer is in progress; proposals wait until it ends. */
  | "transferring"
  /** This replica is not a voter of the group (removed, or a learner). */
  | "not_member"
  /** Another membership change is proposed and not yet applied. */
  | "change_pending"
  /** The membership change does not fit the current membership. */
  | "invalid_change"
  /** The learner to promote has not caught up with the log yet. */
  | "learner_behind"
  /** The transfer target is not a voter. */
  | "not_voter"
  /** The request carried nothing to propose. */
  | "empty";

export interface Refusal {
  reason: RefusalReason;
  detail: string;
}
