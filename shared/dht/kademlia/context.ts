/**
 * The state a Kademlia node's parts share — routing table, records and replicas, this
 * node's own publications, and (from `StepOutput`) the outstanding requests, the current
 * tick and the outbox they write to. The request-serving side (`./serve`), storing and replica pushes (`./storing`),
 * the maintenance round (`./maintenance`) and the client operations (`./client`) are
 * functions over this context; `KademliaNode` owns one and drains it after every step.
 */
import type { Rng } from "../../rng";
import type { KeyStore } from "../key-store";
import { StepOutput } from "../step-output";
import { bucketIndex, randomIdInBucket } from "../xor-id";
import { KBuckets } from "./buckets";
import { KadLookup, type KadLookupResult } from "./lookup";
import { KadReplicas } from "./replicas";
import type {
  KadConfig,
  KadContact,
  KadDone,
  KadReady,
  KadRecord,
  KadRequest,
  KadResponse,
  KadState,
} from "./types";

/** A write this node made as original publisher, republished while it lives. */
export interface Publication {
  value: string | Uint8Array;
  stamp: number;
  /** Tick of the next republish. */
  at: number;
}

export class KadContext extends StepOutput<KadRequest, KadResponse, KadDone> {
  readonly table: KBuckets;
  readonly replicas: KadReplicas;
  /** Tick at which the next maintenance round is due. */
  nextMaintenance = 0;
  /** Values this node wrote as original publisher, by key. */
  readonly published = new Map<string, Publication>();
  /** The routing-table version last handed out to persist. */
  private persisted = 0;

  constructor(
    readonly self: KadContact,
    readonly config: KadConfig,
    readonly store: KeyStore<KadRecord>,
    private readonly rng: Rng,
    state?: KadState,
  ) {
    super(self.addr, config.rpcTimeout);
    this.table = new KBuckets(self, config.k, state?.buckets);
    this.replicas = new KadReplicas(self, this.table, store, config.k);
  }

  state(): KadState {
    return { self: this.self, buckets: this.table.buckets.map((b) => [...b]) };
  }

  /** Files a sender; a full bucket pings its least-recently seen entry before any eviction. */
  heard(contact: KadContact, mayEvict = true): void {
    if (contact.addr === this.self.addr) return;
    const check = this.table.seen(contact, mayEvict);
    if (!check) return;
    this.request(
      check.stale.addr,
      { kind: "ping", sender: this.self },
      () => this.table.staleAnswered(check.stale),
      () => this.table.staleFailed(check.stale),
    );
  }

  /**
   * An iterative lookup of `target`: FIND_NODE, or FIND_VALUE of `valueKey` when one is
   * given; of the k closest other nodes unless `withSelf`. Marks the target's bucket as
   * touched now.
   */
  lookup(
    target: bigint,
    valueKey: string | false,
    finish: (result: KadLookupResult) => void,
    withSelf = true,
  ): void {
    const index = bucketIndex(this.self.id, target);
    if (index >= 0) this.table.touched[index] = this.now;
    const body: KadRequest =
      valueKey === false
        ? { kind: "findNode", sender: this.self, target }
        : { kind: "findValue", sender: this.self, key: valueKey };
    const lookup = new KadLookup(
      target,
      this.config.k,
      this.config.alpha,
      {
        ask: (to, onReply, onTimeout) => {
          this.request(
            to.addr,
            body,
            (res) => {
              this.heard(to);
              onReply(res);
            },
            onTimeout,
          );
        },
        failed: (contact) => {
          this.table.remove(contact);
        },
      },
      finish,
    );
    lookup.start(this.self, this.table.closest(target, this.config.k), withSelf);
  }

  /** Looks up a random id in bucket `index`, which refills it with live contacts. */
  refresh(index: number): void {
    this.lookup(
      randomIdInBucket(this.self.id, index, () => this.rng.nextUint32()),
      false,
      () => {},
    );
  }

  /**
   * The next republish of a record just stored: one interval on, plus up to half an
   * interval of jitter so that the k holders' timers drift apart and the first to fire
   * resets the others' with its STORE (the paper's one-republish-per-interval optimization).
   */
  republishAt(): number {
    const every = this.config.republishEvery;
    return this.now + every + this.rng.int(Math.max(1, Math.floor(every / 2)));
  }

  /** The record held for `key` unless it has expired (a tombstone counts as held). */
  liveRecord(key: string): KadRecord | undefined {
    const record = this.store.get(key);
    return record && record.expiresAt > this.now ? record : undefined;
  }

  /**
   * Drains this step's output: routing state to persist when the table changed, envelopes,
   * results, next wake. Callers push replicas first (see `replicate` in `./storing`).
   */
  ready(): KadReady {
    const maintenance =
      this.config.maintenanceEvery > 0 ? Math.max(this.nextMaintenance, this.now) : undefined;
    const ready: KadReady = {
      persist: this.table.version !== this.persisted ? this.state() : undefined,
      ...this.takeOutput(),
      wakeAt: this.nextWake(maintenance),
    };
    this.persisted = this.table.version;
    return ready;
  }
}

/** The contact and hop counts of a finished lookup, as a `KadDone` carries them. */
export function lookupCounts(result: KadLookupResult): { contacted: number; hops: number } {
  return { contacted: result.contacted, hops: result.hops };
}
