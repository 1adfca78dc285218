/**
 * Leases: TTL grants that keys attach to. The table only keeps time as data — deadlines
 * computed from the `now` carried by grant and keep-alive commands; the leader decides
 * expiry and sends it through the log.
 */
import { compareUtf8 } from "./text";

/** A lease as kept in snapshots; its keys are recovered from the keys' `lease` fields. */
export interface LeaseRecord {
  id: number;
  /** Granted TTL, in seconds. */
  ttl: number;
  /** Leader time (ms) at which the lease expires unless kept alive. */
  deadline: number;
}

interface Lease extends LeaseRecord {
  /** Exactly the keys whose record names this lease. */
  keys: Set<string>;
}

/** The live leases. Ids are 1, 2, 3, ... in grant order and never reused. */
export class LeaseTable {
  private readonly leases = new Map<number, Lease>();
  /** The highest id granted so far (0 before the first grant). */
  private lastId = 0;

  /** Rebuilds a table from a snapshot's records and id counter. */
  static from(records: readonly LeaseRecord[], lastId: number): LeaseTable {
    const table = new LeaseTable();
    table.lastId = lastId;
    for (const record of records) table.leases.set(record.id, { ...record, keys: new Set() });
    return table;
  }

  get highestId(): number {
    return this.lastId;
  }

  has(id: number): boolean {
    return this.leases.has(id);
  }

  grant(ttl: number, now: number): LeaseRecord {
    const lease: Lease = { id: ++this.lastId, ttl, deadline: now + ttl * 1000, keys: new Set() };
    this.leases.set(lease.id, lease);
    return record(lease);
  }

  /**
   * Pushes the deadline to `now` + TTL. A lease whose deadline has passed at `now` is
   * treated as gone (its expiry is merely not applied yet): undefined, nothing changes.
   */
  keepAlive(id: number, now: number): LeaseRecord | undefined {
    const lease = this.leases.get(id);
    if (!lease || now >= lease.deadline) return undefined;
    lease.deadline = now + lease.ttl * 1000;
    return record(lease);
  }

  attach(id: number, key: string): void {
    this.leases.get(id)?.keys.add(key);
  }

  detach(id: number, key: string): void {
    this.leases.get(id)?.keys.delete(key);
  }

  /** Removes the lease and returns its keys (in key order), or undefined when there is none. */
  remove(id: number): string[] | undefined {
    const lease = this.leases.get(id);
    if (!lease) return undefined;
    this.leases.delete(id);
    return [...lease.keys].sort(compareUtf8);
  }

  /** Ids of the leases whose deadline is at or before `now`, ascending. */
  expired(now: number): number[] {
    return this.records()
      .filter((lease) => lease.deadline <= now)
      .map((lease) => lease.id);
  }

  /** The earliest deadline, for the leader's timer; null without leases. */
  nextDeadline(): number | null {
    let next: number | null = null;
    for (const lease of this.leases.values()) {
      if (next === null || lease.deadline < next) next = lease.deadline;
    }
    return next;
  }

  get(id: number): (LeaseRecord & { keys: string[] }) | undefined {
    const lease = this.leases.get(id);
    return lease && { ...record(lease), keys: [...lease.keys].sort(compareUtf8) };
  }

  /** Every lease, by id. */
  records(): LeaseRecord[] {
    return [...this.leases.values()].sort((a, b) => a.id - b.id).map(record);
  }
}

function record(lease: Lease): LeaseRecord {
  return { id: lease.id, ttl: lease.ttl, deadline: lease.deadline };
}
