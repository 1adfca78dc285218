/**
 * The request-serving side of a Chord node: answers a peer's request (or the node's own
 * key operation) from the shared context, and applies what notify and leaving notices
 * change in the routing state.
 */
import type { ChordContext } from "./context";
import type { ChordRef, ChordRequest, ChordResponse } from "./types";

/** Answers one request; runs for remote requests and for a node's own key operations. */
export function serve(ctx: ChordContext, req: ChordRequest, from: string): ChordResponse {
  switch (req.kind) {
    case "findStep":
      return ctx.findStep(req.target);
    case "neighbours":
      return {
        kind: "neighbours",
        predecessor: ctx.routing.predecessor,
        successors: ctx.routing.successors,
      };
    case "notify":
      onNotify(ctx, req.node);
      return { kind: "ack" };
    case "ping":
      return { kind: "ack" };
    case "put":
      return ctx.keys.put(req.key, req.value, ctx.now);
    case "get":
      return ctx.keys.get(req.key);
    case "delete":
      return ctx.keys.delete(req.key, ctx.now);
    case "records":
      return ctx.keys.receive(req.records);
    case "leaving":
      onLeaving(ctx, req.node, req.predecessor, req.successors, from);
      return { kind: "ack" };
  }
}

/** notify(n'): adopt n' as predecessor if closer, and hand it the keys it now owns. */
function onNotify(ctx: ChordContext, node: ChordRef): void {
  const old = ctx.routing.predecessor;
  if (!ctx.routing.offerPredecessor(node)) return;
  ctx.dirty = true;
  if (ctx.routing.successor.addr === ctx.self.addr) ctx.routing.setSuccessors([node], []);
  ctx.keys.handOff(old, node);
  ctx.keys.sync();
}

/**
 * A neighbour's graceful leave (accepted only from the leaver itself): close the ring over
 * it with the neighbours it reported, and point its fingers at its heir.
 */
function onLeaving(
  ctx: ChordContext,
  node: ChordRef,
  predecessor: ChordRef | null,
  successors: ChordRef[],
  from: string,
): void {
  if (node.addr !== from) return;
  const self = ctx.self.addr;
  if (ctx.routing.predecessor?.addr === node.addr) {
    ctx.routing.predecessor = predecessor?.addr === self ? null : predecessor;
  }
  const at = ctx.routing.successors.findIndex((n) => n.addr === node.addr);
  if (at >= 0) {
    const list = ctx.routing.successors;
    ctx.routing.setSuccessors([...list.slice(0, at), ...successors], list.slice(at + 1));
  }
  const heir = successors.find((n) => n.addr !== node.addr) ?? null;
  const fingers = ctx.routing.fingers;
  for (let i = 0; i < fingers.length; i++) {
    if (fingers[i]?.addr === node.addr) fingers[i] = heir?.addr === self ? null : heir;
  }
  ctx.dirty = true;
  ctx.keys.sync();
}
