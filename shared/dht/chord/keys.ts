/**
 * The keys of one Chord node and their replication. A key lives on its successor (the
 * owner) and on the next `replicas − 1` nodes of the owner's successor list. The owner
 * pushes a write to that replica set at once, and pushes everything it owns again whenever
 * the set or its own range (its predecessor) changes — after a join, a leave or a failure —
 * so that copies are restored before the next failure can take the last one.
 */
import type { KeyStore } from "../key-store";
import { chordId, inOpenClosed } from "../ring-id";
import type { ChordRouting } from "./routing";
import type { ChordRecord, ChordRef, ChordRequest, ChordResponse } from "./types";

export class ChordKeys {
  /** The (predecessor, replica set) this node's owned keys were last pushed to. */
  private replicaSignature = "";

  constructor(
    private readonly routing: ChordRouting,
    readonly store: KeyStore<ChordRecord>,
    private readonly replicas: number,
    private readonly send: (to: string, req: ChordRequest) => void,
  ) {}

  /** A client write at the owner: bump the version, keep it, copy it to the replicas. */
  put(key: string, value: string): ChordResponse {
    const version = (this.store.get(key)?.version ?? 0) + 1;
    const record = { key, id: chordId(key), value, version };
    this.store.put(record);
    this.toReplicas({ kind: "records", records: [record] });
    return { kind: "stored", version };
  }

  get(key: string): ChordResponse {
    return { kind: "value", record: this.store.get(key) ?? null };
  }

  delete(key: string): ChordResponse {
    this.store.delete(key);
    this.toReplicas({ kind: "drop", key });
    return { kind: "ack" };
  }

  drop(key: string): ChordResponse {
    this.store.delete(key);
    return { kind: "ack" };
  }

  /** Replica pushes and hand-offs: keep the newer version; copy what we now own onwards. */
  receive(records: ChordRecord[]): ChordResponse {
    const newlyOwned: ChordRecord[] = [];
    for (const record of records) {
      const held = this.store.get(record.key);
      if (held !== undefined && held.version >= record.version) continue;
      this.store.put(record);
      if (this.routing.predecessor !== null && this.routing.owns(record.id))
        newlyOwned.push(record);
    }
    if (newlyOwned.length > 0) this.toReplicas({ kind: "records", records: newlyOwned });
    return { kind: "ack" };
  }

  /** Hands a new predecessor the keys between the old one and it (all others if unknown). */
  handOff(old: ChordRef | null, node: ChordRef): void {
    const self = this.routing.self.id;
    const moving = this.store
      .all()
      .filter((r) =>
        old === null ? !inOpenClosed(r.id, node.id, self) : inOpenClosed(r.id, old.id, node.id),
      );
    if (moving.length > 0) this.send(node.addr, { kind: "records", records: moving });
  }

  /** Graceful leave: everything held goes to the successor. */
  handOffAll(successor: ChordRef): void {
    this.send(successor.addr, { kind: "records", records: this.store.all() });
  }

  /** Pushes the keys this node owns to its replica set when that set has changed. */
  sync(): void {
    const pred = this.routing.predecessor;
    if (this.replicas <= 1 || pred === null) return;
    const targets = this.replicaTargets();
    const signature = [pred.addr, ...targets.map((n) => n.addr)].join("|");
    if (signature === this.replicaSignature) return;
    this.replicaSignature = signature;
    const owned = this.store.all().filter((r) => this.routing.owns(r.id));
    if (owned.length === 0) return;
    for (const node of targets) this.send(node.addr, { kind: "records", records: owned });
  }

  private replicaTargets(): ChordRef[] {
    const self = this.routing.self.addr;
    return this.routing.successors.slice(0, this.replicas - 1).filter((n) => n.addr !== self);
  }

  private toReplicas(req: ChordRequest): void {
    for (const node of this.replicaTargets()) this.send(node.addr, req);
  }
}
