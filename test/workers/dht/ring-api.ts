/** Helpers for driving DHT rings through `SELF` in the workerd tests. */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";

export { eventually } from "../eventually";

const BASE = "http://edgeos.test/v1/rings";

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One JSON request to the gateway, at a path under /v1/rings. */
export async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export interface RingNodeView {
  id: string;
  predecessor: string | null;
  successors: string[];
  keys: number;
  alarmSet: boolean;
}

export interface RingView {
  version: number;
  hosts: { id: string; state: string }[];
  nodes: RingNodeView[];
}

export async function createRing(
  name: string,
  nodes: number,
  overlay: "chord" | "kademlia" = "chord",
  replication = 3,
): Promise<RingView> {
  const created = await call("POST", "", { name, overlay, nodes, replication });
  if (created.status !== 201) throw new Error(`create ${name}: ${JSON.stringify(created.body)}`);
  return created.body as unknown as RingView;
}

export async function ring(name: string): Promise<RingView> {
  const answer = await call("GET", `/${name}`);
  if (answer.status !== 200) throw new Error(`status ${name}: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as RingView;
}

export function putKey(ringName: string, key: string, value: string, routing = "onehop") {
  return call("PUT", `/${ringName}/keys/${encodeURIComponent(key)}?routing=${routing}`, { value });
}

export function getKey(ringName: string, key: string, routing = "onehop") {
  return call("GET", `/${ringName}/keys/${encodeURIComponent(key)}?routing=${routing}`);
}

/** Fails a node through the directory (the HTTP door for this is dev-only). */
export async function failNode(ringName: string, host: string): Promise<void> {
  const outcome = await env.RING_DIRECTORY.getByName(ringName).remove(ringName, host, "fail");
  if (!outcome.ok) throw new Error(outcome.detail);
}

/** The Chord node DO of `host` in `ringName`. */
export function chordNode(ringName: string, host: string) {
  return env.CHORD_NODE.getByName(`${ringName}/${host}`);
}
