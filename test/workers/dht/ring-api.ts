/** Helpers for driving DHT rings through `SELF` in the workerd tests. */
import { env } from "cloudflare:workers";
import { type Answer, callGateway } from "../gateway-call";

export { eventually } from "../eventually";

export type { Answer };

/** One JSON request to the gateway, at a path under /v1/rings. */
export function call(method: string, path: string, body?: unknown): Promise<Answer> {
  return callGateway(method, `/v1/rings${path}`, body);
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
  if (!outcome.ok) throw new Error(outcome.problem.detail);
}

/** The Chord node DO of `host` in `ringName`. */
export function chordNode(ringName: string, host: string) {
  return env.CHORD_NODE.getByName(`${ringName}/${host}`);
}
