/**
 * A group's status as a list of facts — engine, leader, term, commit and applied index,
 * failure tolerance, state — and each member's last contact, shown alike on the overview's
 * group cards and a group's page.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { GroupMember, GroupStatus } from "./api-types";
import { describeTolerance, failureTolerance } from "./failure-tolerance";
import { timeElement } from "./time-element";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The facts of `s`; `leaderId` names the leader's cell for the page's live updates. */
export function groupFacts(s: GroupStatus, leaderId?: string): Html {
  const voters = s.members.filter((m) => m.voter).length;
  return html`<dl class="facts">
      <dt>Engine</dt><dd>${s.engine}</dd>
      <dt>Leader</dt><dd class="leader"${leaderId ? html` id="${leaderId}"` : ""}>${leaderText(s)}</dd>
      <dt>Term</dt><dd>${s.term}</dd>
      <dt>Commit / applied</dt><dd>index ${s.commit} / ${s.applied}</dd>
      <dt>Failure tolerance</dt><dd class="tolerance">${describeTolerance(failureTolerance(voters, s.quorums))}</dd>
      <dt>State</dt><dd class="state">${STATE_TEXT[s.state]}</dd>
    </dl>`;
}

const STATE_TEXT: Record<GroupStatus["state"], string> = {
  active: "active",
  quiesced: "quiescent (idle, no timers running)",
  evicted: "evicted while idle (the next request wakes it)",
};

function leaderText(s: GroupStatus): string {
  if (s.state === "evicted")
    return s.lastLeader ? `replica ${s.lastLeader} when last active` : "none yet";
  return s.leader ? `replica ${s.leader}` : "none known (electing)";
}

/**
 * When the replica that answered (the leader, when there is one) last heard from member
 * `m`: relative, the absolute time as its tooltip.
 */
export function lastContactCell(m: GroupMember, s: GroupStatus, nowMs: number): Html | string {
  if (m.id === s.leader) return "leader";
  if (m.lastContact === null) return "not heard from";
  return timeElement(new Date(m.lastContact).toISOString(), nowMs);
}
