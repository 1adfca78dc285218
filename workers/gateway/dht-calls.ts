/**
 * Routes one key operation to a ring. One-hop: the owner from the cached membership view
 * is asked directly (one hop); if it does not own the key (the view is stale) it looks the
 * key up through the overlay itself, and if it does not answer the request falls back to
 * overlay routing. Overlay: a random live node is asked and routes by fingers or buckets.
 * Hops are the routing steps taken to reach the node that served the key: in overlay
 * mode the lookup steps of the node where the lookup started (as the Chord paper counts
 * path length), plus one for the direct request in one-hop mode.
 */
import {
  type KeyOpRequest,
  type KeyOpResult,
  ringNodeStub,
} from "../../durable-objects/dht/node-contract";
import type { MembershipView } from "../../shared/dht/membership-view";
import type { RingMember } from "../../shared/dht/ring-config";
import { dropView, ringView } from "./dht-view-cache";
import { ProblemError } from "./problem";
import { unwrap } from "./rpc-unwrap";

export type Routing = "onehop" | "overlay";

/** Entry nodes tried before an overlay request gives up. */
export const OVERLAY_ATTEMPTS = 3;

export interface RoutedResult extends KeyOpResult {
  /** The node that served the key, as `host` or `host#virtual-index`. */
  nodeId: string | null;
}

/** Runs `req` on `ring` with the given routing; 503 when no node could serve it. */
export async function routeKeyOp(
  env: Env,
  ring: string,
  req: KeyOpRequest,
  routing: Routing,
): Promise<RoutedResult> {
  let view = await ringView(env, ring);
  let extraHops = 0;
  if (routing === "onehop") {
    const owner = view.ownerOf(req.key);
    if (owner) {
      try {
        const result = await callNode(env, view, owner, req);
        if (result.hops > 0) dropView(ring);
        return routed(ring, result, result.hops + 1);
      } catch {
        dropView(ring);
        view = await ringView(env, ring, true);
        extraHops = 1;
      }
    }
  }
  for (let attempt = 0; attempt < OVERLAY_ATTEMPTS; attempt++) {
    const entry = view.at(Math.floor(Math.random() * view.size));
    if (!entry) break;
    try {
      const result = await callNode(env, view, entry, req);
      return routed(ring, result, result.hops + extraHops);
    } catch {
      dropView(ring);
      view = await ringView(env, ring, true);
    }
  }
  throw new ProblemError("unavailable", `no node of ring "${ring}" answered`);
}

async function callNode(
  env: Env,
  view: MembershipView,
  member: RingMember,
  req: KeyOpRequest,
): Promise<KeyOpResult> {
  return unwrap(await ringNodeStub(env, view.snapshot.overlay, member.addr).keyOp(req));
}

function routed(ring: string, result: KeyOpResult, hops: number): RoutedResult {
  return { ...result, hops, nodeId: result.node ? nodeIdOf(ring, result.node) : null };
}

/** A node address without its ring prefix: `ring/n7#2` → `n7#2`. */
export function nodeIdOf(ring: string, addr: string): string {
  return addr.startsWith(`${ring}/`) ? addr.slice(ring.length + 1) : addr;
}
