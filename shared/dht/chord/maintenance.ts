/**
 * The Chord maintenance protocol, one round at a time: stabilize, check_predecessor and
 * fix_fingers as in the paper, then the scan for expired tombstones.
 */
import { fingerStart, inOpen } from "../ring-id";
import type { ChordContext } from "./context";
import type { ChordRef } from "./types";

/** Runs one maintenance round at tick `now`. */
export function maintain(ctx: ChordContext, now: number): void {
  stabilize(ctx);
  checkPredecessor(ctx);
  fixFingers(ctx);
  ctx.keys.purge(now);
}

/** stabilize(): learn the successor's predecessor and list, adopt a closer successor, notify. */
function stabilize(ctx: ChordContext): void {
  const self = ctx.self;
  const succ = ctx.routing.successor;
  if (succ.addr === self.addr) {
    const pred = ctx.routing.predecessor;
    if (pred !== null && ctx.routing.setSuccessors([pred], [])) {
      ctx.dirty = true;
      ctx.send(pred.addr, { kind: "notify", node: self });
    }
    return;
  }
  ctx.request(
    succ.addr,
    { kind: "neighbours" },
    (res) => {
      if (res.kind !== "neighbours") return;
      const x = res.predecessor;
      const closer = x !== null && x.addr !== self.addr && inOpen(x.id, self.id, succ.id);
      const head = closer ? [x, succ] : [succ];
      if (ctx.routing.setSuccessors(head, res.successors)) {
        ctx.dirty = true;
        ctx.keys.sync();
      }
      ctx.send(ctx.routing.successor.addr, { kind: "notify", node: self });
    },
    () => {
      ctx.forgetPeer(succ.addr);
      stabilize(ctx);
    },
  );
}

/** check_predecessor(): forget a predecessor that does not answer a ping. */
function checkPredecessor(ctx: ChordContext): void {
  const pred = ctx.routing.predecessor;
  if (pred === null) return;
  ctx.request(
    pred.addr,
    { kind: "ping" },
    () => {},
    () => ctx.forgetPeer(pred.addr),
  );
}

/** fix_fingers(): refresh the next few fingers, locally when the successor covers them. */
function fixFingers(ctx: ChordContext): void {
  const routing = ctx.routing;
  for (let j = 0; j < ctx.config.fingersPerRound; j++) {
    const i = routing.nextFinger;
    routing.nextFinger = (i + 1) % routing.fingers.length;
    const start = fingerStart(ctx.self.id, i);
    if (routing.answers(start)) {
      setFinger(ctx, i, routing.successor);
      continue;
    }
    ctx.startLookup(start, (result) => {
      const node = result.successors?.[0];
      if (node !== undefined) setFinger(ctx, i, node);
    });
  }
}

/** Points finger `i` at `node` (none when that is this node itself). */
function setFinger(ctx: ChordContext, i: number, node: ChordRef): void {
  const value = node.addr === ctx.self.addr ? null : node;
  if (ctx.routing.fingers[i]?.addr === value?.addr) return;
  ctx.routing.fingers[i] = value;
  ctx.dirty = true;
}
