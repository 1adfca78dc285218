/**
 * The gateway's per-isolate cache of ring membership views, for one-hop routing. A view is
 * fetched from the ring's directory when missing, older than `VIEW_MAX_AGE_MS`, or dropped
 * because a node showed it stale (it did not own a key the view said it owned, or did not
 * answer). Staleness costs hops, never correctness: the node asked routes on through the
 * overlay.
 */
import { MembershipView } from "../../shared/dht/membership-view";
import { unwrap } from "./rpc-unwrap";

/** Longest a cached view is used before it is fetched again. */
export const VIEW_MAX_AGE_MS = 10_000;

const views = new Map<string, { view: MembershipView; fetchedAt: number }>();

/** The ring's membership view, from cache unless `fresh` or expired; 404 for no such ring. */
export async function ringView(env: Env, ring: string, fresh = false): Promise<MembershipView> {
  const cached = views.get(ring);
  const now = Date.now();
  if (cached && !fresh && now - cached.fetchedAt < VIEW_MAX_AGE_MS) return cached.view;
  const view = new MembershipView(unwrap(await env.RING_DIRECTORY.getByName(ring).view(ring)));
  const latest = views.get(ring);
  if (!latest || latest.view.version <= view.version) views.set(ring, { view, fetchedAt: now });
  return view;
}

/** Drops the cached view of `ring` (after a membership change or a stale answer). */
export function dropView(ring: string): void {
  views.delete(ring);
}
