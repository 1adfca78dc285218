import type { ConfState, NodeId } from "./types";

/**
 * One-server-at-a-time membership changes (thesis §4.1 with §4.2.1 catch-up): a new
 * server joins as a learner, receives the log without voting, and is promoted once it
 * has caught up; removal takes a voter or learner out. Each change takes effect when its
 * entry is applied, and the leader admits only one unapplied change at a time, so any two
 * successive voter sets differ by one server and their majorities overlap.
 */
export interface ConfChange {
  type: "addLearner" | "promote" | "remove";
  node: NodeId;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeConfChange(cc: ConfChange): Uint8Array {
  return encoder.encode(JSON.stringify(cc));
}

export function decodeConfChange(data: Uint8Array): ConfChange {
  return JSON.parse(decoder.decode(data)) as ConfChange;
}

/** Why `cc` cannot apply to `conf`, or undefined when it can. */
export function confChangeError(conf: ConfState, cc: ConfChange): string | undefined {
  const isVoter = conf.voters.includes(cc.node);
  const isLearner = conf.learners.includes(cc.node);
  switch (cc.type) {
    case "addLearner":
      return isVoter || isLearner ? `node ${cc.node} is already a member` : undefined;
    case "promote":
      return isLearner ? undefined : `node ${cc.node} is not a learner`;
    case "remove":
      if (!isVoter && !isLearner) return `node ${cc.node} is not a member`;
      return isVoter && conf.voters.length === 1 ? "cannot remove the last voter" : undefined;
  }
}

/** The membership after `cc`; an inapplicable change leaves it unchanged. */
export function applyConfChange(conf: ConfState, cc: ConfChange): ConfState {
  if (confChangeError(conf, cc) !== undefined) return conf;
  const voters = conf.voters.filter((id) => id !== cc.node);
  const learners = conf.learners.filter((id) => id !== cc.node);
  if (cc.type === "addLearner") learners.push(cc.node);
  if (cc.type === "promote") voters.push(cc.node);
  return { voters: voters.sort((a, b) => a - b), learners: learners.sort((a, b) => a - b) };
}
