/**
 * The keys of one Chord node and their replication. A key lives on its successor (the
 * owner) and on the next `replicas − 1` nodes of the owner's successor list. The owner
 * pushes a write to that replica set at once, and pushes everything it owns again whenever
 * the set or its own range (its predecessor) changes — after a join, a leave or a failure —
 * so that copies are restored before the next failure can take the last one.
 *
 * A delete is a write too: the owner stores a tombstone with the delete's stamp and pushes
 * it like a value, so a replica that missed the delete meets the tombstone when the ring
 * repairs around it, and a stale copy it pushes is answered with the newer write (which the
 * pusher then takes). Tombstones are dropped `tombstoneGrace` ticks after their stamp.
 *
 * Values may be bytes (chunks): a put of bytes the owner already holds writes nothing,
 * pushes go out in batches of bounded size (../record-batches), and the scans that choose
 * what to push or purge read the records' heads, loading only the values they send.
 */
import { equalBytes } from "../chunk-key";
import { eachHead, eachRecord, type KeyStore } from "../key-store";
import { batchBySize } from "../record-batches";
import { chordId, inOpenClosed } from "../ring-id";
import { nextStamp, supersedes } from "../write-stamp";
import type { ChordRouting } from "./routing";
import type { ChordRecord, ChordRef, ChordRequest, ChordResponse } from "./types";

export class ChordKeys {
  /** The (predecessor, replica set) this node's owned keys were last pushed to. */
  private replicaSignature = "";
  /** Tick of the next scan for expired tombstones. */
  private nextPurge = 0;

  constructor(
    private readonly routing: ChordRouting,
    readonly store: KeyStore<ChordRecord>,
    private readonly replicas: number,
    private readonly tombstoneGrace: number,
    private readonly send: (to: string, req: ChordRequest) => void,
  ) {}

  /**
   * A client write at the owner: stamp it, keep it, copy it to the replicas. Bytes equal to
   * those held are not written again (content-addressed chunks are immutable).
   */
  put(key: string, value: string | Uint8Array, now: number): ChordResponse {
    const held = this.store.get(key);
    if (value instanceof Uint8Array && held?.value instanceof Uint8Array) {
      if (equalBytes(held.value, value))
        return { kind: "stored", stamp: held.stamp, present: true };
    }
    const record = this.write(key, value, now);
    return { kind: "stored", stamp: record.stamp };
  }

  /**
   * Repairs this node's own copy of one write (its bytes were found damaged, or missing,
   * by a reader that verified a good copy elsewhere): stored unless a later write is held.
   * No push: the other holders have the write already.
   */
  restore(key: string, value: string | Uint8Array, stamp: number): boolean {
    const held = this.store.get(key);
    if (held !== undefined && held.stamp > stamp) return false;
    this.store.put({ key, id: held?.id ?? chordId(key), value, stamp });
    return true;
  }

  /** A get answers live values only: a tombstone reads as absent. */
  get(key: string): ChordResponse {
    const record = this.store.get(key);
    return { kind: "value", record: record?.value != null ? record : null };
  }

  /** A client delete at the owner: a tombstone written like a value. */
  delete(key: string, now: number): ChordResponse {
    this.write(key, null, now);
    return { kind: "ack" };
  }

  /**
   * Replica pushes, hand-offs and answers to our own pushes: keep each record that
   * supersedes the one held, copy what we now own onwards, and answer with the held writes
   * that supersede pushed ones.
   */
  receive(records: ChordRecord[]): ChordResponse {
    const newlyOwned: ChordRecord[] = [];
    const newer: ChordRecord[] = [];
    for (const record of records) {
      const held = this.store.get(record.key);
      if (held !== undefined && !supersedes(record, held)) {
        if (supersedes(held, record)) newer.push(held);
        continue;
      }
      this.store.put(record);
      if (this.routing.predecessor !== null && this.routing.owns(record.id))
        newlyOwned.push(record);
    }
    if (newlyOwned.length > 0) this.toReplicas(newlyOwned);
    return newer.length > 0 ? { kind: "newer", records: newer } : { kind: "ack" };
  }

  /** Hands a new predecessor the keys between the old one and it (all others if unknown). */
  handOff(old: ChordRef | null, node: ChordRef): void {
    const self = this.routing.self.id;
    const moving = eachRecord(this.store, (r) =>
      old === null ? !inOpenClosed(r.id, node.id, self) : inOpenClosed(r.id, old.id, node.id),
    );
    this.push(node.addr, [...moving]);
  }

  /** Graceful leave: everything held, tombstones included, goes to the successor. */
  handOffAll(successor: ChordRef): void {
    this.push(successor.addr, [...eachRecord(this.store)]);
  }

  /** Pushes the keys this node owns to its replica set when that set has changed. */
  sync(): void {
    const pred = this.routing.predecessor;
    if (this.replicas <= 1 || pred === null) return;
    const targets = this.replicaTargets();
    const signature = [pred.addr, ...targets.map((n) => n.addr)].join("|");
    if (signature === this.replicaSignature) return;
    this.replicaSignature = signature;
    const owned = [...eachRecord(this.store, (r) => this.routing.owns(r.id))];
    for (const node of targets) this.push(node.addr, owned);
  }

  /**
   * Drops tombstones older than the grace period, scanning at most four times per period.
   * Safe because every holder of an older copy that is reachable meets the tombstone well
   * within the period (see `TOMBSTONE_GRACE`); the scan's lateness only keeps them longer.
   */
  purge(now: number): void {
    if (now < this.nextPurge) return;
    this.nextPurge = now + Math.max(1, Math.floor(this.tombstoneGrace / 4));
    for (const head of eachHead(this.store)) {
      if (head.tombstone && head.stamp + this.tombstoneGrace <= now) this.store.delete(head.key);
    }
  }

  /** A write at the owner: its stamp exceeds any held for the key. */
  private write(key: string, value: string | Uint8Array | null, now: number): ChordRecord {
    const stamp = nextStamp(now, this.store.get(key)?.stamp);
    const record = { key, id: chordId(key), value, stamp };
    this.store.put(record);
    this.toReplicas([record]);
    return record;
  }

  private replicaTargets(): ChordRef[] {
    const self = this.routing.self.addr;
    return this.routing.successors.slice(0, this.replicas - 1).filter((n) => n.addr !== self);
  }

  private toReplicas(records: ChordRecord[]): void {
    for (const node of this.replicaTargets()) this.push(node.addr, records);
  }

  /** Sends `records` to `to` in batches of bounded size (none when there are none). */
  private push(to: string, records: ChordRecord[]): void {
    for (const batch of batchBySize(records)) this.send(to, { kind: "records", records: batch });
  }
}
