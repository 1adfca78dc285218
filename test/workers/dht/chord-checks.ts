/**
 * What the Chord workerd tests check on a ring: a fixed key set written and read back, and
 * the shape of the ring. The tests are split over several files on purpose: under the
 * Workers Vitest pool every request through \`SELF\` gets slower as the requests served by
 * one workerd instance add up (cloudflare/workers-sdk#15446; \`/healthz\` went from 6 ms to
 * 445 ms within this suite when it was one file), and each file gets a fresh instance.
 */
import { expect } from "vitest";
import { getKey, putKey, type RingView } from "./ring-api";

export const KEYS = Array.from({ length: 60 }, (_, i) => `key-${i}`);

export async function writeAll(name: string, suffix = ""): Promise<void> {
  for (const key of KEYS) {
    const answer = await putKey(name, key, `${key}=${suffix}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

export async function expectAllReadable(
  name: string,
  suffix = "",
  routing = "onehop",
): Promise<void> {
  for (const key of KEYS) {
    const answer = await getKey(name, key, routing);
    expect(answer.status, `${key}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(answer.body.value).toBe(`${key}=${suffix}`);
  }
}

/** True when every live node's successor's predecessor is that node (a closed ring). */
export function consistent(view: RingView): boolean {
  const live = new Set(view.nodes.map((n) => n.id));
  const byId = new Map(view.nodes.map((n) => [n.id, n]));
  return view.nodes.every((n) => {
    const succ = n.successors[0];
    return succ !== undefined && live.has(succ) && byId.get(succ)?.predecessor === n.id;
  });
}

export function totalKeys(view: RingView): number {
  return view.nodes.reduce((sum, n) => sum + n.keys, 0);
}
