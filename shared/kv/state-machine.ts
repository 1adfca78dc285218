/**
 * The replicated KV: etcd's model on top of the consensus log. Pure and deterministic —
 * no clock, no randomness; time arrives inside commands.
 */
import type { StateMachine } from "../consensus/state-machine";
import { Change } from "./change";
import { compareHolds } from "./compare";
import { belowUpper, intervalOf, type KeySelection } from "./key-range";
import { Keyspace } from "./keyspace";
import { type LeaseRecord, LeaseTable } from "./leases";
import { listKeys } from "./listing";
import type {
  GetResult,
  KeyValue,
  KvCommand,
  KvError,
  KvResult,
  RangeRequest,
  RangeResult,
  TxnOp,
  TxnOpResult,
  TxnResult,
  WatchEvent,
} from "./types";
import { validateCommand } from "./validate";
import { WatchHistory } from "./watch-history";

/** What `snapshot()` encodes (as JSON, UTF-8). */
interface KvSnapshot {
  format: 1;
  revision: number;
  compactRevision: number;
  lastLeaseId: number;
  items: KeyValue[];
  leases: LeaseRecord[];
  events: WatchEvent[];
}

/** The result of a watch replay: events, or the error saying they were compacted away. */
export type EventsResult = { kind: "events"; revision: number; events: WatchEvent[] } | KvError;

/**
 * A KV state machine in etcd's model.
 *
 * Invariants: `revision` is the number of state-changing revisions so far — every command
 * (or txn) that changes at least one key bumps it by exactly one, and all its changes carry
 * that revision; read-only commands and no-ops (deleting an absent key, revoking a lease
 * without keys) leave it alone. Lease-table changes (grant, keep-alive) are not key changes
 * and do not bump it, as in etcd. Every key attached to a lease is in that lease's key set.
 */
export class KvStateMachine implements StateMachine<KvCommand, KvResult> {
  private keys = new Keyspace();
  private leases = new LeaseTable();
  private history = new WatchHistory();
  private currentRevision = 0;

  /** The revision of the last change (0 before any). */
  get revision(): number {
    return this.currentRevision;
  }

  /** The lowest revision a watch can still start from. */
  get compactRevision(): number {
    return this.history.compactRevision;
  }

  /** Never throws: an invalid or impossible command answers a `KvError` and changes nothing. */
  apply(command: KvCommand, _index: number): KvResult {
    const invalid = validateCommand(command);
    if (invalid) return invalid;
    switch (command.type) {
      case "get":
        return this.get(command.key);
      case "range": {
        const { type: _type, prefix, limit, ...options } = command;
        return this.range(prefix, limit, options);
      }
      case "put": {
        const missing = this.missingLease([{ put: command }]);
        if (missing) return missing;
        const change = this.change();
        const { item, prev } = change.put(command);
        this.commit(change);
        return { kind: "put", revision: this.currentRevision, item, ...(prev && { prev }) };
      }
      case "delete": {
        const change = this.change();
        const deleted = change.delete(command);
        this.commit(change);
        return { kind: "delete", deleted, revision: this.currentRevision };
      }
      case "deleteRange": {
        const change = this.change();
        const deleted = change.deleteKeys(this.selectedKeys(command));
        this.commit(change);
        return { kind: "deleteRange", deleted, revision: this.currentRevision };
      }
      case "txn":
        return this.txn(command.compare, command.success, command.failure);
      case "leaseGrant": {
        const lease = this.leases.grant(command.ttl, command.now);
        return { kind: "leaseGrant", id: lease.id, ttl: lease.ttl };
      }
      case "leaseKeepAlive": {
        const lease = this.leases.keepAlive(command.id, command.now);
        if (!lease) return leaseNotFound(command.id);
        return { kind: "leaseKeepAlive", id: lease.id, ttl: lease.ttl };
      }
      case "leaseRevoke": {
        if (!this.leases.has(command.id)) return leaseNotFound(command.id);
        const deleted = this.revoke(command.id);
        return { kind: "leaseRevoke", deleted, revision: this.currentRevision };
      }
      case "expireLeases": {
        const expired = this.leases.expired(command.now);
        for (const id of expired) this.revoke(id);
        return { kind: "expireLeases", expired, revision: this.currentRevision };
      }
      case "compact":
        return this.compact(command.revision);
    }
  }

  /** A serializable read of one key at the applied state. */
  get(key: string): GetResult {
    return { kind: "get", revision: this.currentRevision, item: this.keys.get(key) ?? null };
  }

  /**
   * Keys starting with `prefix`, in UTF-8 byte order, at most `limit` entries when it is
   * > 0; `options` narrow, fold, strip or count them (see `RangeRequest`).
   */
  range(
    prefix: string,
    limit = 0,
    options: Omit<RangeRequest, "prefix" | "limit"> = {},
  ): RangeResult {
    const listing = listKeys(this.keys, { ...options, prefix, limit });
    return { kind: "range", ...listing, revision: this.currentRevision };
  }

  /**
   * Changes at `fromRevision` or later on keys under `prefix`, unless compacted away. To
   * watch only what comes next, start at `revision + 1`.
   */
  eventsSince(fromRevision: number, prefix = ""): EventsResult {
    const found = this.history.since(fromRevision, prefix);
    if ("compactRevision" in found) {
      return {
        kind: "error",
        code: "compacted",
        message: `revision ${fromRevision} is compacted; the oldest available is ${found.compactRevision}`,
        field: "fromRevision",
      };
    }
    return { kind: "events", revision: this.currentRevision, events: found.events };
  }

  /**
   * What a long poll for changes returns once there is something to return: the events
   * at `fromRevision` or later under `prefix`, or the error that it is compacted (an
   * answer, not a reason to wait); undefined while there is nothing yet.
   */
  pollEvents(fromRevision: number, prefix = ""): EventsResult | undefined {
    const found = this.eventsSince(fromRevision, prefix);
    return found.kind === "error" || found.events.length > 0 ? found : undefined;
  }

  /** Leases the leader should expire at `now` (propose `expireLeases` when non-empty). */
  expiredLeases(now: number): number[] {
    return this.leases.expired(now);
  }

  /** The earliest lease deadline, for the leader's timer; null without leases. */
  nextLeaseDeadline(): number | null {
    return this.leases.nextDeadline();
  }

  /** A lease's TTL, deadline and attached keys. */
  lease(id: number): (LeaseRecord & { keys: string[] }) | undefined {
    return this.leases.get(id);
  }

  snapshot(): Uint8Array {
    const state: KvSnapshot = {
      format: 1,
      revision: this.currentRevision,
      compactRevision: this.history.compactRevision,
      lastLeaseId: this.leases.highestId,
      items: this.keys.all(),
      leases: this.leases.records(),
      events: this.history.all(),
    };
    return new TextEncoder().encode(JSON.stringify(state));
  }

  restore(snapshot: Uint8Array): void {
    const state = JSON.parse(new TextDecoder().decode(snapshot)) as KvSnapshot;
    if (state.format !== 1) throw new Error(`unknown KV snapshot format ${String(state.format)}`);
    this.currentRevision = state.revision;
    this.keys = Keyspace.from(state.items);
    this.leases = LeaseTable.from(state.leases, state.lastLeaseId);
    for (const item of state.items)
      if (item.lease !== undefined) this.leases.attach(item.lease, item.key);
    this.history = new WatchHistory(state.events, state.compactRevision);
  }

  private txn(compare: KvCommandTxn["compare"], success: TxnOp[], failure: TxnOp[]): KvResult {
    const succeeded = compare.every((c) => compareHolds(c, this.keys.get(c.key)));
    const ops = succeeded ? success : failure;
    const missing = this.missingLease(ops);
    if (missing) return missing;
    const change = this.change();
    const results = ops.map((op): TxnOpResult => {
      if ("put" in op) return { kind: "put", ...change.put(op.put) };
      if ("delete" in op) return { kind: "delete", deleted: change.delete(op.delete) };
      return { kind: "get", item: this.keys.get(op.get.key) ?? null };
    });
    this.commit(change);
    const result: TxnResult = { kind: "txn", succeeded, revision: this.currentRevision, results };
    return result;
  }

  /** Deletes a lease's keys in one revision (none if it had no keys) and drops the lease. */
  private revoke(id: number): number {
    const change = this.change();
    let deleted = 0;
    for (const key of this.leases.remove(id) ?? []) deleted += change.delete({ key });
    this.commit(change);
    return deleted;
  }

  /** The keys a range delete selects, in order (collected first: deleting moves blocks). */
  private selectedKeys(selection: KeySelection): string[] {
    const { lower, upper } = intervalOf(selection);
    const keys: string[] = [];
    for (const key of this.keys.keysFrom(lower)) {
      if (!belowUpper(key, upper)) break;
      keys.push(key);
    }
    return keys;
  }

  private compact(revision: number): KvResult {
    if (revision > this.currentRevision) {
      return {
        kind: "error",
        code: "future_revision",
        message: `revision ${revision} is after the current revision ${this.currentRevision}`,
        field: "revision",
      };
    }
    if (revision <= this.history.compactRevision) {
      return {
        kind: "error",
        code: "compacted",
        message: `revision ${revision} is already compacted (to ${this.history.compactRevision})`,
        field: "revision",
      };
    }
    this.history.compact(revision);
    return { kind: "compact", compactRevision: revision, revision: this.currentRevision };
  }

  /** The first put among `ops` naming a lease that does not exist, as an error. */
  private missingLease(ops: readonly TxnOp[]): KvError | null {
    for (const op of ops) {
      if ("put" in op && op.put.lease !== undefined && !this.leases.has(op.put.lease)) {
        return leaseNotFound(op.put.lease);
      }
    }
    return null;
  }

  private change(): Change {
    return new Change(this.keys, this.leases, this.currentRevision + 1);
  }

  /** Makes a change's revision current, if it changed anything. */
  private commit(change: Change): void {
    if (change.events.length === 0) return;
    this.currentRevision = change.revision;
    this.history.record(change.events);
  }
}

type KvCommandTxn = Extract<KvCommand, { type: "txn" }>;

function leaseNotFound(id: number): KvError {
  return {
    kind: "error",
    code: "lease_not_found",
    message: `lease ${id} not found`,
    field: "lease",
  };
}
