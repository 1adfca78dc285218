import type { NodeId } from "../consensus/raft/types";
import type { Rng } from "../rng";
import type { RaftCluster } from "./cluster";
import { NO_FAULTS } from "./network";

export const FAULT_NAMES = [
  "partition",
  "crash",
  "evict",
  "drop",
  "dup",
  "delay",
  "pause",
  "transfer",
  "membership",
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

const DISRUPTIONS = ["partition", "crash", "evict", "pause", "transfer", "membership"] as const;

/** Membership changes never take the group below this many voters. */
export const MIN_VOTERS = 3;
type Disruption = (typeof DISRUPTIONS)[number];

/**
 * The fault injector. Link faults (drop, dup, delay) stay on while it runs; every few
 * hundred milliseconds it starts one disruption among the enabled ones — a partition
 * (random split, one-way cut, or the leader cut off), a crash of a minority replica
 * (restarted later from its stable storage), the eviction of every replica at once (each
 * restarts from its stable storage at once, as Durable Objects reload on their next call),
 * a long pause, a leader transfer to a random
 * replica, or a membership change — and undoes it after a random duration (membership
 * changes and transfers are not undone; later changes move the membership on). `stop()` heals everything so the run can finish.
 */
export class Nemesis {
  private readonly cluster: RaftCluster;
  private readonly rng: Rng;
  private readonly faults: ReadonlySet<FaultName>;
  private readonly members: readonly NodeId[];
  private stopped = false;
  private readonly crashed = new Set<NodeId>();

  constructor(
    cluster: RaftCluster,
    rng: Rng,
    faults: Iterable<FaultName>,
    members: readonly NodeId[],
  ) {
    this.cluster = cluster;
    this.rng = rng;
    this.faults = new Set(faults);
    this.members = members;
  }

  start(): void {
    this.cluster.network.faults = {
      drop: this.faults.has("drop") ? 0.05 : 0,
      duplicate: this.faults.has("dup") ? 0.05 : 0,
      delay: this.faults.has("delay") ? 0.1 : 0,
      delayMaxMs: 150,
    };
    this.scheduleNext();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.cluster.network.faults = NO_FAULTS;
    this.cluster.heal();
    for (const id of this.members) {
      this.cluster.resume(id);
      this.cluster.restart(id);
    }
    this.crashed.clear();
  }

  private scheduleNext(): void {
    const actions = DISRUPTIONS.filter((f) => this.faults.has(f));
    if (actions.length === 0) return;
    this.cluster.queue.after(this.rng.range(50, 300), () => {
      if (this.stopped) return;
      const action = this.rng.pick(actions);
      const undo = this.disrupt(action);
      if (undo) {
        this.cluster.queue.after(this.rng.range(100, 1000), () => {
          if (!this.stopped) undo();
        });
      }
      this.scheduleNext();
    });
  }

  private disrupt(action: Disruption): (() => void) | undefined {
    const c = this.cluster;
    const id = this.rng.pick(this.members);
    switch (action) {
      case "partition":
        this.partition();
        return () => c.heal();
      case "crash":
        if (!c.replica(id).up || this.crashed.size + 1 > (this.members.length - 1) / 2) return;
        this.crashed.add(id);
        c.crash(id);
        return () => {
          this.crashed.delete(id);
          c.restart(id);
        };
      case "evict":
        for (const member of this.members) {
          if (!c.replica(member).up) continue; // a crashed replica restarts on its own timer
          c.crash(member);
          c.restart(member);
        }
        return undefined;
      case "pause":
        c.pause(id);
        return () => c.resume(id);
      case "transfer": {
        const leader = c.leader();
        if (leader !== undefined && leader !== id) {
          c.replica(leader).host?.transferLeadership(id, () => {});
        }
        return undefined;
      }
      case "membership":
        this.reconfigure();
        return undefined;
    }
  }

  /**
   * Asks the leader for one change, through the host's own membership calls: removes a
   * learner left behind if there is one, else removes a random voter (the leader's own
   * removal is refused: it must transfer first) or adds a replica from outside the group
   * (as a learner, promoted once caught up), never going below `MIN_VOTERS`.
   */
  private reconfigure(): void {
    const leader = this.cluster.leader();
    const host = leader === undefined ? undefined : this.cluster.replica(leader).host;
    const conf = host?.status().conf;
    if (!host || !conf) return;
    const outside = this.members.filter(
      (id) => !conf.voters.includes(id) && !conf.learners.includes(id),
    );
    const canRemove = conf.voters.length > MIN_VOTERS;
    const learner = conf.learners[0];
    // A learner left by an add that did not catch up in time: remove it, or add it again.
    if (learner !== undefined) host.removeMember(learner, () => {});
    else if (canRemove && (outside.length === 0 || this.rng.chance(0.5))) {
      host.removeMember(this.rng.pick(conf.voters), () => {});
    } else if (outside.length > 0) host.addMember(this.rng.pick(outside), () => {});
  }

  private partition(): void {
    const c = this.cluster;
    const ids = [...this.members];
    const kind = this.rng.int(3);
    if (kind === 0) {
      for (let i = ids.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        [ids[i], ids[j]] = [ids[j] as NodeId, ids[i] as NodeId];
      }
      const k = this.rng.range(1, ids.length - 1);
      c.partition([ids.slice(0, k), ids.slice(k)]);
    } else if (kind === 1) {
      const x = this.rng.pick(ids);
      const inbound = this.rng.chance(0.5);
      for (const y of ids) {
        if (y === x) continue;
        if (inbound) c.network.cutLink(y, x);
        else c.network.cutLink(x, y);
      }
    } else {
      c.isolate(c.leader() ?? this.rng.pick(ids));
    }
  }
}
