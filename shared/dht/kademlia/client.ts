/**
 * The client operations a Kademlia node starts: joining, finding the k closest nodes,
 * put, delete, handing a held record over, and get. Each reports its end as one `KadDone`
 * carrying the operation number `op` its caller assigned.
 */
import { equalBytes } from "../chunk-key";
import { nextStamp } from "../write-stamp";
import { bucketIndex, ID_BITS, kadId } from "../xor-id";
import { type KadContext, lookupCounts } from "./context";
import { copyOf } from "./replicas";
import { storeOnClosest } from "./storing";
import type { KadContact, KadRecord } from "./types";

/** Joins through a known node: look up our own id, then refresh the farther buckets. */
export function startJoin(ctx: KadContext, bootstrap: KadContact, op: number): void {
  ctx.heard(bootstrap);
  ctx.lookup(ctx.self.id, false, (result) => {
    const nearest = result.closest[0];
    if (nearest !== undefined) {
      for (let i = bucketIndex(ctx.self.id, nearest.id) + 1; i < ID_BITS; i++) ctx.refresh(i);
    }
    ctx.finish({ op, ok: nearest !== undefined, ...lookupCounts(result) });
  });
}

/** Finds the k closest nodes to `target`. */
export function startFindNode(ctx: KadContext, target: bigint, op: number): void {
  ctx.lookup(target, false, (result) => {
    ctx.finish({
      op,
      ok: result.closest.length > 0,
      ...lookupCounts(result),
      closest: result.closest,
    });
  });
}

/**
 * Stores on the k closest nodes to the key, and republishes it from `now` on while this
 * node lives. The write's stamp is the current tick, or above the stamp held here if that
 * is higher. Bytes equal to a live copy held here are not written again (chunks are
 * immutable): the put finishes at once, `present`.
 */
export function startPut(
  ctx: KadContext,
  key: string,
  value: string | Uint8Array,
  now: number,
  op: number,
): void {
  const held = ctx.liveRecord(key)?.value;
  if (value instanceof Uint8Array && held instanceof Uint8Array && equalBytes(held, value)) {
    ctx.finish({ op, ok: true, contacted: 0, hops: 0, node: ctx.self, present: true });
    return;
  }
  const expireAfter = ctx.config.expireAfter;
  const stamp = nextStamp(ctx.now, ctx.store.get(key)?.stamp);
  ctx.published.set(key, { value, stamp, at: now + expireAfter / 2 });
  storeOnClosest(ctx, { key, value, stamp, ttl: expireAfter }, (result, stored) => {
    ctx.finish({
      op,
      ok: stored > 0,
      ...lookupCounts(result),
      closest: result.closest,
      stored,
    });
  });
}

/**
 * Deletes the key: a tombstone stamped above the held write goes to the k closest nodes
 * (and here) like a put, lives `tombstoneGrace` ticks, and this node stops republishing
 * the key.
 */
export function startDelete(ctx: KadContext, key: string, op: number): void {
  ctx.published.delete(key);
  const stamp = nextStamp(ctx.now, ctx.store.get(key)?.stamp);
  ctx.replicas.accept(
    { key, value: null, stamp, ttl: ctx.config.tombstoneGrace },
    ctx.now,
    ctx.republishAt(),
  );
  startHandOver(ctx, ctx.store.get(key) as KadRecord, op, true);
}

/**
 * Stores `record` again on its k closest nodes with its own stamp and remaining lifetime,
 * without publishing it as this node's write; counts the acknowledgements. Without
 * `withSelf`, on the k closest other nodes (this one is leaving: its own copy will not count).
 */
export function startHandOver(
  ctx: KadContext,
  record: KadRecord,
  op: number,
  withSelf: boolean,
): void {
  storeOnClosest(
    ctx,
    copyOf(record, ctx.now),
    (result, stored) => {
      ctx.finish({ op, ok: true, ...lookupCounts(result), stored });
    },
    withSelf,
  );
}

/** Reads the key here or at the first node on the way to it that holds it. */
export function startGet(ctx: KadContext, key: string, op: number): void {
  const own = ctx.liveRecord(key);
  if (own) {
    ctx.finish({
      op,
      ok: own.value !== null,
      contacted: 0,
      hops: 0,
      ...(own.value !== null ? { value: own.value } : {}),
      node: ctx.self,
    });
    return;
  }
  ctx.lookup(kadId(key), key, (result) => {
    const found = result.value;
    const value = found?.value ?? undefined;
    ctx.finish({
      op,
      ok: value !== undefined,
      ...lookupCounts(result),
      ...(found ? { node: found.from } : {}),
      ...(value !== undefined ? { value } : {}),
    });
  });
}
