/**
 * A Kademlia node as a pure actor: requests, responses and ticks in (with the current
 * tick), a `KadReady` out — routing state to persist when it changed, envelopes to send,
 * finished client operations and the next tick it wants. Records go through the injected
 * synchronous `KeyStore`; randomness (bucket-refresh targets) comes from the injected `Rng`.
 *
 * Every message heard files its sender in a k-bucket (pinging the least-recently seen entry
 * of a full bucket before evicting it). A put stores on the k closest nodes a lookup finds;
 * a delete stores a tombstone there the same way (see ../write-stamp); a get stops at the
 * first node holding the key, and a tombstone found reads as absent. A STORE of an older
 * write is answered with the newer one, which the sender takes in place of its own copy
 * (and stops republishing its write) — so a holder that missed a delete learns it at its
 * next republish or replica push. Whenever the routing table gains or
 * loses a contact, records go to the holders that change made (see `KadReplicas`).
 * Maintenance rounds drop expired records, re-STORE records nobody re-stored for an
 * interval (the remaining ttl travels, so copies never outlive the original publication),
 * republish this node's own writes with a fresh ttl, refresh buckets no lookup passed
 * through for a while, and ping the fellow holders of this node's records, so that a
 * failed one is noticed and its copies restored.
 */
import type { Rng } from "../../sim/rng";
import type { KeyStore } from "../key-store";
import { RpcTable } from "../rpc-table";
import { nextStamp, supersedes } from "../write-stamp";
import { bucketIndex, ID_BITS, kadId, randomIdInBucket } from "../xor-id";
import { KBuckets } from "./buckets";
import { KadLookup, type KadLookupResult } from "./lookup";
import { copyOf, KadReplicas } from "./replicas";
import type {
  KadConfig,
  KadContact,
  KadCopy,
  KadDone,
  KadEnvelope,
  KadReady,
  KadRecord,
  KadRequest,
  KadResponse,
  KadState,
} from "./types";

export class KademliaNode {
  private readonly table: KBuckets;
  private readonly replicas: KadReplicas;
  private readonly rpc: RpcTable<KadRequest, KadResponse>;
  private now = 0;
  private nextMaintenance = 0;
  private out: KadEnvelope[] = [];
  private finished: KadDone[] = [];
  /** The routing-table version last handed out to persist. */
  private persisted = 0;
  private nextOp = 1;
  /** Values this node wrote as original publisher, with the tick of their next republish. */
  private readonly published = new Map<string, { value: string; stamp: number; at: number }>();

  constructor(
    readonly self: KadContact,
    private readonly config: KadConfig,
    readonly store: KeyStore<KadRecord>,
    private readonly rng: Rng,
    state?: KadState,
  ) {
    this.table = new KBuckets(self, config.k, state?.buckets);
    this.replicas = new KadReplicas(self, this.table, store, config.k);
    this.rpc = new RpcTable(self.addr, config.rpcTimeout);
  }

  get buckets(): KBuckets {
    return this.table;
  }

  state(): KadState {
    return { self: this.self, buckets: this.table.buckets.map((b) => [...b]) };
  }

  handle(env: KadEnvelope, now: number): KadReady {
    this.advance(now);
    if (env.type === "response") {
      this.rpc.resolve(env);
      return this.ready();
    }
    const body = this.serve(env.body);
    this.out.push({ type: "response", from: this.self.addr, to: env.from, corr: env.corr, body });
    this.heard(env.body.sender, env.body.kind !== "ping");
    return this.ready();
  }

  /** The transport could not deliver `env` (a request this node sent): fail it now. */
  undeliverable(env: KadEnvelope, now: number): KadReady {
    this.advance(now);
    if (env.type === "request" && env.from === this.self.addr) this.rpc.fail(env.corr);
    return this.ready();
  }

  /** True when this node holds a live value of `key` (not a tombstone). */
  holds(key: string): boolean {
    return this.liveRecord(key)?.value != null;
  }

  /** Runs a maintenance round now, whenever the last one was (a shell's on-demand repair). */
  maintainNow(now: number): KadReady {
    this.nextMaintenance = now;
    return this.tick(now);
  }

  tick(now: number): KadReady {
    this.advance(now);
    this.rpc.expire(now);
    if (this.config.maintenanceEvery > 0 && now >= this.nextMaintenance) {
      this.nextMaintenance = now + this.config.maintenanceEvery;
      this.maintain();
    }
    return this.ready();
  }

  /** Joins through a known node: look up our own id, then refresh the farther buckets. */
  join(bootstrap: KadContact, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    const op = this.nextOp++;
    this.heard(bootstrap);
    this.lookup(this.self.id, false, (result) => {
      const nearest = result.closest[0];
      if (nearest !== undefined) {
        for (let i = bucketIndex(this.self.id, nearest.id) + 1; i < ID_BITS; i++) this.refresh(i);
      }
      this.finished.push({ op, ok: nearest !== undefined, ...lookupCounts(result) });
    });
    return { op, ready: this.ready() };
  }

  /** The k closest nodes to `target`. */
  findNode(target: bigint, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    const op = this.nextOp++;
    this.lookup(target, false, (result) => {
      this.finished.push({
        op,
        ok: result.closest.length > 0,
        ...lookupCounts(result),
        closest: result.closest,
      });
    });
    return { op, ready: this.ready() };
  }

  /**
   * Stores on the k closest nodes to the key, and republishes it while this node lives. The
   * write's stamp is `now`, or above the stamp held here if that is higher; a caller passes
   * `stamp` to publish again a write made earlier (a leaving node's records).
   */
  put(key: string, value: string, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    const op = this.nextOp++;
    const stamp = nextStamp(this.now, this.store.get(key)?.stamp);
    this.published.set(key, { value, stamp, at: now + this.config.expireAfter / 2 });
    const copy = { key, value, stamp, ttl: this.config.expireAfter };
    this.storeOnClosest(copy, (result, stored) => {
      this.finished.push({
        op,
        ok: stored > 0,
        ...lookupCounts(result),
        closest: result.closest,
        stored,
      });
    });
    return { op, ready: this.ready() };
  }

  /**
   * Deletes the key: a tombstone stamped above the held write goes to the k closest nodes
   * (and here) like a put, lives `tombstoneGrace` ticks, and this node stops republishing
   * the key.
   */
  delete(key: string, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    const op = this.nextOp++;
    this.published.delete(key);
    const stamp = nextStamp(this.now, this.store.get(key)?.stamp);
    this.replicas.accept(
      { key, value: null, stamp, ttl: this.config.tombstoneGrace },
      this.now,
      this.republishAt(),
    );
    return this.hand(this.store.get(key) as KadRecord, op);
  }

  /**
   * Stores a held record again on its k closest nodes with its own stamp and remaining
   * lifetime (a leaving node's records), without publishing it as this node's write.
   */
  handOver(record: KadRecord, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    return this.hand(record, this.nextOp++);
  }

  /** Reads the key here or at the first node on the way to it that holds it. */
  get(key: string, now: number): { op: number; ready: KadReady } {
    this.advance(now);
    const op = this.nextOp++;
    const own = this.liveRecord(key);
    if (own) {
      this.finished.push({
        op,
        ok: own.value !== null,
        contacted: 0,
        hops: 0,
        ...(own.value !== null ? { value: own.value } : {}),
        node: this.self,
      });
      return { op, ready: this.ready() };
    }
    this.lookup(kadId(key), key, (result) => {
      const found = result.value;
      const value = found?.value ?? undefined;
      this.finished.push({
        op,
        ok: value !== undefined,
        ...lookupCounts(result),
        ...(found ? { node: found.from } : {}),
        ...(value !== undefined ? { value } : {}),
      });
    });
    return { op, ready: this.ready() };
  }

  /** Stores `record` on the k closest nodes as operation `op`, counting the acknowledgements. */
  private hand(record: KadRecord, op: number): { op: number; ready: KadReady } {
    this.storeOnClosest(copyOf(record, this.now), (result, stored) => {
      this.finished.push({ op, ok: true, ...lookupCounts(result), stored });
    });
    return { op, ready: this.ready() };
  }

  private serve(req: KadRequest): KadResponse {
    switch (req.kind) {
      case "ping":
        return { kind: "pong" };
      case "findNode":
        return { kind: "nodes", contacts: this.table.closest(req.target, this.config.k) };
      case "findValue": {
        const record = this.liveRecord(req.key);
        if (record) return { kind: "value", value: record.value, ttl: record.expiresAt - this.now };
        return { kind: "nodes", contacts: this.table.closest(kadId(req.key), this.config.k) };
      }
      case "store": {
        const newer: KadCopy[] = [];
        for (const copy of req.copies) {
          const held = this.replicas.accept(copy, this.now, this.republishAt());
          if (held) newer.push(held);
        }
        return { kind: "stored", newer };
      }
    }
  }

  /** Files a sender; a full bucket pings its least-recently seen entry before any eviction. */
  private heard(contact: KadContact, mayEvict = true): void {
    if (contact.addr === this.self.addr) return;
    const check = this.table.seen(contact, mayEvict);
    if (!check) return;
    this.request(
      check.stale,
      { kind: "ping", sender: this.self },
      () => this.table.staleAnswered(check.stale),
      () => this.table.staleFailed(check.stale),
    );
  }

  private lookup(
    target: bigint,
    valueKey: string | false,
    finish: (result: KadLookupResult) => void,
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
            to,
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
    lookup.start(this.self, this.table.closest(target, this.config.k));
  }

  private storeOnClosest(
    copy: KadCopy,
    done: (result: KadLookupResult, stored: number) => void,
  ): void {
    this.lookup(kadId(copy.key), false, (result) => {
      let pending = result.closest.length;
      let stored = 0;
      if (pending === 0) {
        done(result, 0);
        return;
      }
      const settle = (ok: boolean) => {
        if (ok) stored++;
        if (--pending === 0) done(result, stored);
      };
      for (const contact of result.closest) {
        if (contact.addr === this.self.addr) {
          this.replicas.accept(copy, this.now, this.republishAt());
          settle(true);
          continue;
        }
        this.request(
          contact,
          { kind: "store", sender: this.self, copies: [copy] },
          (res) => {
            this.takeNewer(res);
            settle(true);
          },
          () => settle(false),
        );
      }
    });
  }

  private maintain(): void {
    const now = this.now;
    const records = this.store.all();
    for (const record of records) {
      if (record.expiresAt <= now) {
        this.store.delete(record.key);
      } else if (record.republishAt <= now) {
        this.store.put({ ...record, republishAt: this.republishAt() });
        this.storeOnClosest(copyOf(record, now), () => {});
      }
    }
    for (const [key, entry] of this.published) {
      if (entry.at > now) continue;
      entry.at = now + this.config.expireAfter / 2;
      const copy = { key, value: entry.value, stamp: entry.stamp, ttl: this.config.expireAfter };
      this.storeOnClosest(copy, () => {});
    }
    for (const peer of this.replicas.peers(records, now)) {
      this.request(
        peer,
        { kind: "ping", sender: this.self },
        () => {},
        () => this.table.remove(peer),
      );
    }
    const nearest = this.table.closest(this.self.id, 1)[0];
    const floor = nearest ? bucketIndex(this.self.id, nearest.id) : ID_BITS;
    for (let i = 0; i < ID_BITS; i++) {
      const stale = now - (this.table.touched[i] as number) >= this.config.refreshAfter;
      const inRange = i >= floor || (this.table.buckets[i] as KadContact[]).length > 0;
      if (stale && inRange) this.refresh(i);
    }
  }

  /**
   * The next republish of a record just stored: one interval on, plus up to half an
   * interval of jitter so that the k holders' timers drift apart and the first to fire
   * resets the others' with its STORE (the paper's one-republish-per-interval optimization).
   */
  private republishAt(): number {
    const every = this.config.republishEvery;
    return this.now + every + this.rng.int(Math.max(1, Math.floor(every / 2)));
  }

  /** Looks up a random id in bucket `index`, which refills it with live contacts. */
  private refresh(index: number): void {
    this.lookup(
      randomIdInBucket(this.self.id, index, () => this.rng.nextUint32()),
      false,
      () => {},
    );
  }

  private liveRecord(key: string): KadRecord | undefined {
    const record = this.store.get(key);
    return record && record.expiresAt > this.now ? record : undefined;
  }

  private request(
    to: KadContact,
    body: KadRequest,
    onReply: (res: KadResponse) => void,
    onTimeout: () => void,
  ): void {
    this.out.push(this.rpc.request(to.addr, body, this.now, onReply, onTimeout));
  }

  private advance(now: number): void {
    if (now > this.now) this.now = now;
  }

  /** Pushes records to the holders the last routing-table changes made (see `KadReplicas`). */
  private replicate(): void {
    const { added, removed } = this.table.drainChanges();
    for (const push of this.replicas.pushesAfter(added, removed, this.now)) {
      this.request(
        push.to,
        { kind: "store", sender: this.self, copies: push.copies },
        (res) => this.takeNewer(res),
        () => this.table.remove(push.to),
      );
    }
  }

  /**
   * Takes the newer writes a STORE's answer carries in place of our copies, and stops
   * republishing any write of ours they supersede.
   */
  private takeNewer(res: KadResponse): void {
    if (res.kind !== "stored") return;
    for (const copy of res.newer) {
      this.replicas.accept(copy, this.now, this.republishAt());
      const own = this.published.get(copy.key);
      if (own && supersedes(copy, own)) this.published.delete(copy.key);
    }
  }

  private ready(): KadReady {
    this.replicate();
    const deadline = this.rpc.nextDeadline();
    const maintenance =
      this.config.maintenanceEvery > 0 ? Math.max(this.nextMaintenance, this.now) : undefined;
    const candidates = [deadline, maintenance].filter((t): t is number => t !== undefined);
    const ready: KadReady = {
      persist: this.table.version !== this.persisted ? this.state() : undefined,
      send: this.out,
      done: this.finished,
      wakeAt: candidates.length > 0 ? Math.min(...candidates) : undefined,
    };
    this.persisted = this.table.version;
    this.out = [];
    this.finished = [];
    return ready;
  }
}

function lookupCounts(result: KadLookupResult): { contacted: number; hops: number } {
  return { contacted: result.contacted, hops: result.hops };
}
