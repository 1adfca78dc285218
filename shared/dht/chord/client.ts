/**
 * The client operations a Chord node starts: joining a ring, finding a target's successor
 * list, and key operations sent to the key's successor. Each reports its end as one
 * `ChordDone` carrying the operation number `op` its caller assigned.
 */
import { chordId } from "../ring-id";
import { type ChordContext, counts } from "./context";
import { ChordLookup } from "./lookup";
import { serve } from "./serve";
import type { ChordRecord, ChordRef, ChordRequest, ChordResponse } from "./types";

/** Joins the ring `bootstrap` belongs to: finds this node's successor through it. */
export function startJoin(ctx: ChordContext, bootstrap: ChordRef, op: number): void {
  ctx.routing.predecessor = null;
  const lookup = new ChordLookup(ctx.self.id, ctx.self, ctx.lookupPort(), (result) => {
    const ok = result.successors !== null && result.successors.length > 0;
    if (ok) {
      ctx.routing.setSuccessors(result.successors ?? [], []);
      ctx.dirty = true;
      ctx.nextMaintenance = ctx.now;
    }
    ctx.finish({ op, ok, ...counts(result), node: ctx.routing.successor });
  });
  lookup.startVia(bootstrap);
}

/** Finds the successor list of `target`. */
export function startSuccessorLookup(ctx: ChordContext, target: bigint, op: number): void {
  ctx.startLookup(target, (result) => {
    const node = result.successors?.[0];
    ctx.finish({
      op,
      ok: node !== undefined,
      ...counts(result),
      ...(node ? { node, successors: result.successors ?? [] } : {}),
    });
  });
}

/**
 * Looks up the key's successor, then sends it `request`, falling back along the list.
 * A node that owns the key itself serves it at once, with no lookup.
 */
export function startKeyOp(
  ctx: ChordContext,
  request: ChordRequest & { key: string },
  op: number,
): void {
  const self = ctx.self;
  if (!ctx.departed && ctx.routing.owns(chordId(request.key))) {
    const res = serve(ctx, request, self.addr);
    ctx.finish({ op, ok: true, hops: 0, timeouts: 0, node: self, ...answerOf(res) });
    return;
  }
  ctx.startLookup(chordId(request.key), (result) => {
    const base = counts(result);
    const tryAt = (list: ChordRef[]): void => {
      const [node, ...rest] = list;
      if (node === undefined) {
        ctx.finish({ op, ok: false, ...base });
        return;
      }
      const complete = (res: ChordResponse): void => {
        ctx.finish({ op, ok: true, ...base, node, ...answerOf(res) });
      };
      if (node.addr === self.addr) {
        complete(serve(ctx, request, self.addr));
        return;
      }
      ctx.request(node.addr, request, complete, () => {
        ctx.forgetPeer(node.addr);
        tryAt(rest);
      });
    };
    tryAt(result.successors ?? []);
  });
}

/** What a served key operation's answer adds to its `ChordDone`: a get's record, a put's `present`. */
function answerOf(res: ChordResponse): { record?: ChordRecord | null; present?: boolean } {
  if (res.kind === "value") return { record: res.record };
  return res.kind === "stored" && res.present ? { present: true } : {};
}
