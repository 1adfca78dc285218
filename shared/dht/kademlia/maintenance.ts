/**
 * One Kademlia maintenance round: drop expired records, re-STORE records nobody re-stored
 * for an interval (with their remaining ttl), republish this node's own writes with a fresh
 * ttl, ping the fellow holders of this node's records so a failed one is noticed, and
 * refresh buckets no lookup passed through for `refreshAfter` ticks.
 */
import { bucketIndex, ID_BITS } from "../xor-id";
import type { KadContext } from "./context";
import { copyOf } from "./replicas";
import { storeOnClosest } from "./storing";
import type { KadContact } from "./types";

/** Runs one maintenance round at the context's current tick. */
export function maintain(ctx: KadContext): void {
  const now = ctx.now;
  const records = ctx.store.all();
  for (const record of records) {
    if (record.expiresAt <= now) {
      ctx.store.delete(record.key);
    } else if (record.republishAt <= now) {
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
  for (const peer of ctx.replicas.peers(records, now)) {
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
