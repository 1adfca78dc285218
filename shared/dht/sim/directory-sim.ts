/**
 * The ring directory in the simulator: the production membership decisions (`planJoin`,
 * `planRemoval`) and repair plan (`repairOrder`, or a planner a test plants instead) run on
 * a ring of simulated nodes, step by step as the RING_DIRECTORY Durable Object runs them —
 * each node call finished before the next starts. The nodes' network runs the host ports a
 * Durable Object has (`HOST_PORTS`): a call to a dead node fails at once, and every node's
 * alarm follows the production `WakePolicy`, so an idle ring is as quiet here as in workerd
 * and a repair that misses a node is not covered up by maintenance that never stops.
 */
import type { Rng } from "../../rng";
import type { RpcResult } from "../../rpc-result";
import { chordConfig, kadConfig } from "../node-config";
import type { RingSpec } from "../ring-config";
import {
  liveMembers,
  newRingRecord,
  nodeSpecOf,
  planJoin,
  planRemoval,
  type RingChange,
  type RingRecord,
} from "../ring-membership";
import { type RepairPlanner, repairOrder } from "../ring-repair";
import { WakePolicy } from "../wake-policy";
import { ChordSim } from "./chord-sim";
import { KademliaSim } from "./kademlia-sim";
import type { LatencyModel, NetworkOptions } from "./network";

/** The ports of a Durable Object host, for `SimNetwork`. */
export const HOST_PORTS: NetworkOptions = { failFast: true, wake: () => new WakePolicy() };

/** What the directory asks of a simulated ring (both overlays' harnesses offer it). */
export interface SimRing {
  readonly nodes: ReadonlyMap<string, unknown>;
  join(addr: string, via: string): { ok: boolean };
  leave(addr: string): void;
  fail(addr: string): void;
  maintain(addr: string): void;
  settle(): void;
}

export class DirectorySim {
  constructor(
    /** The ring's record as the directory last committed it. */
    public record: RingRecord,
    private readonly ring: SimRing,
    private readonly planner: RepairPlanner = repairOrder,
  ) {}

  /** Adds one host: plan, commit, then its nodes join one by one, each repaired around. */
  join(): RpcResult<RingChange> {
    const plan = planJoin(this.record);
    if (!plan.ok) return plan;
    this.record = plan.value.record;
    plan.value.members.forEach((member, index) => {
      this.ring.join(member.addr, plan.value.bootstrap.addr);
      this.ring.settle();
      this.repair(plan.value, index);
    });
    return plan;
  }

  /** Removes live `host` (a graceful leave or a failure) node by node, each repaired around; commits. */
  remove(host: string, mode: "leave" | "fail"): RpcResult<RingChange> {
    const plan = planRemoval(this.record, host, mode);
    if (!plan.ok) return plan;
    plan.value.members.forEach((member, index) => {
      if (mode === "leave") this.ring.leave(member.addr);
      else this.ring.fail(member.addr);
      this.ring.settle();
      this.repair(plan.value, index);
    });
    this.record = plan.value.record;
    return plan;
  }

  /** One maintenance round per target planned after member `index`, each settled first. */
  private repair(change: RingChange, index: number): void {
    for (const target of this.planner(change, index)) {
      if (!this.ring.nodes.has(target.addr)) continue;
      this.ring.maintain(target.addr);
      this.ring.settle();
    }
  }
}

/** How a simulated ring is built: its network's latency, and its directory's repair plan. */
export interface SimRingOptions {
  latency?: LatencyModel;
  planner?: RepairPlanner;
}

/** A Chord ring of `spec` built converged, as the directory creates it, and its directory. */
export function chordDirectory(
  rng: Rng,
  spec: RingSpec,
  options: SimRingOptions = {},
): { ring: ChordSim; directory: DirectorySim } {
  const { record, addrs, first } = created(spec);
  const config = chordConfig(nodeSpecOf(record, first));
  const ring = ChordSim.converged(rng, config, addrs, options.latency, HOST_PORTS);
  return { ring, directory: new DirectorySim(record, ring, options.planner) };
}

/** A Kademlia ring of `spec` built converged, as the directory creates it, and its directory. */
export function kademliaDirectory(
  rng: Rng,
  spec: RingSpec,
  options: SimRingOptions = {},
): { ring: KademliaSim; directory: DirectorySim } {
  const { record, addrs, first } = created(spec);
  const config = kadConfig(nodeSpecOf(record, first));
  const ring = KademliaSim.converged(rng, config, addrs, options.latency, HOST_PORTS);
  return { ring, directory: new DirectorySim(record, ring, options.planner) };
}

function created(spec: RingSpec) {
  const record = newRingRecord(spec);
  const members = liveMembers(record);
  const first = members[0];
  if (first === undefined) throw new Error(`ring "${spec.name}" has no nodes`);
  return { record, addrs: members.map((m) => m.addr), first };
}
