/**
 * Which nodes a ring's directory runs a maintenance round on after each member of a
 * membership change has joined or gone, and in what order, so the ring and its copies are
 * repaired before the change is answered — whether or not those nodes were active. A
 * host's virtual nodes join or go one at a time, each repaired before the next, in the
 * membership of that moment; repairing them together leaves a neighbour that took its
 * successor list from a node not yet repaired with a stale replica set. Per member:
 *
 * - Chord: after a join, the new node first (its first stabilize: its successor learns of
 *   it and hands over its keys); then its successor; then the predecessors whose replica
 *   sets hold the changed node — the `replication − 1` nearest, at least one — nearest
 *   first, so each learns the successor list its successor has just repaired; then the
 *   successor again (it now knows its new predecessor and copies the keys it took over).
 * - Kademlia: every node that can share a key's k closest with the changed node (their
 *   maintenance pings their fellow holders and stores affected records on the next one).
 */
import { MembershipView } from "./membership-view";
import type { RingMember } from "./ring-config";
import { type RingChange, snapshotOf } from "./ring-membership";

/**
 * Plans the maintenance rounds after member `index` of a change joined or went; the
 * directory and the simulator take one (tests plant broken ones).
 */
export type RepairPlanner = (change: RingChange, index: number) => RingMember[];

/** The production repair plan (see the module comment). */
export const repairOrder: RepairPlanner = (change, index) => {
  const spec = change.record.spec;
  const member = change.members[index];
  if (member === undefined) return [];
  const view = new MembershipView(snapshotOf(change.record, membersAround(change, index)));
  if (spec.overlay === "kademlia") return view.sharingKeysWith(member.addr, change.record.k);
  const near = chordNeighbourhood(view, member.addr, spec.replication);
  return change.kind === "join" ? [member, ...near] : near;
};

/**
 * The membership member `index` is repaired in: everyone live before the change, with the
 * members joined so far (this one included), or without those gone before it (this one
 * still in, so that its neighbours can be found).
 */
export function membersAround(change: RingChange, index: number): RingMember[] {
  if (change.kind === "join") return [...change.before, ...change.members.slice(0, index + 1)];
  const gone = new Set(change.members.slice(0, index).map((m) => m.addr));
  return change.before.filter((m) => !gone.has(m.addr));
}

/**
 * The successor, the `replication − 1` nearest predecessors (at least one), the successor;
 * never `addr` itself.
 */
function chordNeighbourhood(view: MembershipView, addr: string, replication: number): RingMember[] {
  const successor = view.neighbours(addr)?.successor;
  const behind = view.predecessors(addr, Math.max(1, replication - 1));
  return successor === undefined ? behind : [successor, ...behind, successor];
}
