/**
 * Dev-only network faults between the replicas of one group, applied at each replica's
 * transport so that the real code paths run: partitions (replicas in different blocks
 * cannot talk), random drops, and random delays. Set through `/v1/_faults`, only when
 * `EDGEOS_DEV_FAULTS=1`.
 */

/** What the fault API accepts; absent fields mean "no such fault". */
export interface FaultPlan {
  partition?: number[][];
  drop?: number;
  delayMs?: [number, number];
}

/** Whether a message from `from` may reach `to` under the plan's partition. */
export function linkOpen(plan: FaultPlan, from: number, to: number): boolean {
  if (!plan.partition) return true;
  const blockOf = (id: number) => plan.partition?.findIndex((block) => block.includes(id)) ?? -1;
  const a = blockOf(from);
  const b = blockOf(to);
  return a < 0 || b < 0 || a === b;
}

/** Whether to drop one message batch, given a uniform draw in [0, 1). */
export function dropped(plan: FaultPlan, draw: number): boolean {
  return plan.drop !== undefined && draw < plan.drop;
}

/** Delay in ms for one batch, given a uniform draw in [0, 1). */
export function delayFor(plan: FaultPlan, draw: number): number {
  if (!plan.delayMs) return 0;
  const [lo, hi] = plan.delayMs;
  return lo + (hi - lo) * draw;
}
