/**
 * One Kademlia maintenance round: drop expired records, re-STORE records nobody re-stored
 * for an interval (with their remaining ttl), republish this node's own writes with a fresh
 * ttl, ping the fellow holders of this node's records so a failed one is noticed, and
 * refresh buckets no lookup passed through for `refreshAfter` ticks. The round reads the
 * records' heads, and loads the value of a record only to re-STORE it.
 */
import { eachHead } from "../key-store";
import { bucketIndex, ID_BITS } from "../xor-id";
import type { KadContext } from "./context";
import { copyOf } from "./replicas";
import { storeOnClosest } from "./storing";
import type { KadContact, KadRecord } from "./types";

/** Runs one maintenance round at the context's current tick. */
export function maintain(ctx: KadContext): void {
  const now = ctx.now;
  for (const head of eachHead(ctx.store)) {
    if (head.expiresAt <= now) {
      ctx.store.delete(head.key);
    } else if (head.republishAt <= now) {
      const record = ctx.store.get(head.key) as KadRecord;
      ctx.store.put({ ...record, republishAt: ctx.republishAt() });
      storeOnClosest(ctx, copyOf(record, now), () => {});
    }
  }
  const expireAfter = ctx.config.expireAfter;
  for (const [key, entry] of ctx.published) {
    if (entry.at > now) continue;
    entry.at = now + expireAfter / 2;
    storeOnClosest(
      ctx,
      { key, value: entry.value, stamp: entry.stamp, ttl: expireAfter },
      () => {},
    );
  }
  for (const peer of ctx.replicas.peers(eachHead(ctx.store), now)) {
    ctx.request(
      peer.addr,
      { kind: "ping", sender: ctx.self },
      () => {},
      () => ctx.table.remove(peer),
    );
  }
  const nearest = ctx.table.closest(ctx.self.id, 1)[0];
  const floor = nearest ? bucketIndex(ctx.self.id, nearest.id) : ID_BITS;
  for (let i = 0; i < ID_BITS; i++) {
    const stale = now - (ctx.table.touched[i] as number) >= ctx.config.refreshAfter;
    const inRange = i >= floor || (ctx.table.buckets[i] as KadContact[]).length > 0;
    if (stale && inRange) ctx.refresh(i);
  }
}
