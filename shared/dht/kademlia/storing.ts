/**
 * How a Kademlia node places records on other nodes: STORE on the k closest nodes a lookup
 * finds, replica pushes after routing-table changes, and taking the newer writes a STORE's
 * answer carries in place of this node's copies.
 */
import { batchBySize } from "../record-batches";
import { supersedes } from "../write-stamp";
import { kadId } from "../xor-id";
import type { KadContext } from "./context";
import type { KadLookupResult } from "./lookup";
import type { KadCopy, KadResponse } from "./types";

/**
 * Looks up the copy's key and STOREs the copy on the k closest nodes found (this node
 * included, without a message, unless `withSelf` is false: a leaving node's copy must land
 * on k others); `done` gets the lookup and the number of acknowledgements.
 */
export function storeOnClosest(
  ctx: KadContext,
  copy: KadCopy,
  done: (result: KadLookupResult, stored: number) => void,
  withSelf = true,
): void {
  ctx.lookup(
    kadId(copy.key),
    false,
    (result) => {
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
        if (contact.addr === ctx.self.addr) {
          ctx.replicas.accept(copy, ctx.now, ctx.republishAt());
          settle(true);
          continue;
        }
        ctx.request(
          contact.addr,
          { kind: "store", sender: ctx.self, copies: [copy] },
          (res) => {
            takeNewer(ctx, res);
            settle(true);
          },
          () => settle(false),
        );
      }
    },
    withSelf,
  );
}

/**
 * Pushes records to the holders the last routing-table changes made (see `KadReplicas`),
 * in STOREs of bounded size (../record-batches).
 */
export function replicate(ctx: KadContext): void {
  const { added, removed } = ctx.table.drainChanges();
  for (const push of ctx.replicas.pushesAfter(added, removed, ctx.now)) {
    for (const copies of batchBySize(push.copies)) {
      ctx.request(
        push.to.addr,
        { kind: "store", sender: ctx.self, copies },
        (res) => takeNewer(ctx, res),
        () => ctx.table.remove(push.to),
      );
    }
  }
}

/**
 * Takes the newer writes a STORE's answer carries in place of our copies, and stops
 * republishing any write of ours they supersede.
 */
function takeNewer(ctx: KadContext, res: KadResponse): void {
  if (res.kind !== "stored") return;
  for (const copy of res.newer) {
    ctx.replicas.accept(copy, ctx.now, ctx.republishAt());
    const own = ctx.published.get(copy.key);
    if (own && supersedes(copy, own)) ctx.published.delete(copy.key);
  }
}
