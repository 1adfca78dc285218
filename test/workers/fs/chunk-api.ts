/**
 * Helpers for the chunk store's workerd tests: rings made through the gateway, the chunk's
 * holders as the ring directory's view names them, and one node's own copy. The tests are
 * split by behaviour over several files, a few tests each: under the Workers Vitest pool
 * every request gets slower as one workerd instance serves more (cloudflare/workers-sdk#15446).
 */
import { env } from "cloudflare:workers";
import { chunkKey } from "../../../shared/dht/chunk-key";
import { MembershipView } from "../../../shared/dht/membership-view";

export { createRing, failNode } from "../dht/ring-api";

/** `size` bytes that differ with `seed`, every byte value appearing. */
export function bytesOf(size: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed * 13 + (i >> 8)) & 0xff;
  return bytes;
}

/** The ring's current membership view, straight from its directory. */
export async function viewOf(ring: string): Promise<MembershipView> {
  const answer = await env.RING_DIRECTORY.getByName(ring).view(ring);
  if (!answer.ok) throw new Error(answer.problem.detail);
  return new MembershipView(answer.value);
}

/** The addresses of the nodes that should hold chunk `hash`, owner first. */
export async function holdersOf(ring: string, hash: string): Promise<string[]> {
  const view = await viewOf(ring);
  return view.holdersOf(chunkKey(hash), view.copies).map((m) => m.addr);
}

/** The bytes node `addr` holds of chunk `hash` (null: none), read on the node itself. */
export async function copyAt(addr: string, hash: string): Promise<Uint8Array | null> {
  const answer = await env.CHORD_NODE.getByName(addr).chunkCopy(hash);
  if (!answer.ok) throw new Error(answer.problem.detail);
  return answer.value?.bytes ?? null;
}

/** True when `a` and `b` are the same bytes. */
export function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);
}
